#pragma once

#include "core/pipeline/sample.h"
#include "core/processing/ring_deque.h"
#include "core/processing/statistics_summary.h"
#include "core/processing/window_moments.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace streamscope {

// The statistics of one channel over one window, copied out for readers.
struct WindowStatistics {
    TimeNs window_ns = 0;
    StatisticsSummary summary; // over the samples inside the window
    double rate_hz = 0.0;
};

// Statistics of one channel over one or more sliding windows of sample time: a window of length W holds
// the samples with time in (newest - W, newest]. Every window is a suffix of the same sample sequence,
// so the samples are stored once and so are the monotonic deques for min and max (the minimum of a
// suffix is the first deque entry inside it); each window keeps only its own start positions and its
// moments. Every operation is amortised O(1) per sample and window; nothing rescans a window.
//
// Time policy: windows follow sample time, never the wall clock, so a replay gives the numbers the
// live session gave. A sample older than the newest one seen (out of order) is counted as if it
// arrived at the newest time, which keeps the windows ordered and never drops it.
//
// Rate policy: once the channel has been seen for a whole window, rate = samples in window / window;
// before that, (samples - 1) / (newest - oldest), the rate measured so far.
class RollingWindowStats {
public:
    explicit RollingWindowStats(const std::vector<TimeNs>& windows);

    void add(TimeNs time_ns, double value);
    [[nodiscard]] std::size_t windowCount() const { return windows_.size(); }
    [[nodiscard]] WindowStatistics statistics(std::size_t window) const;

private:
    struct Entry {
        TimeNs time_ns = 0;
        double value = 0.0;
    };
    struct Extreme {
        std::uint64_t sequence = 0;
        double value = 0.0;
    };
    struct Window {
        TimeNs length_ns = 0;
        std::uint64_t first_sequence = 0; // oldest sample inside
        std::uint64_t min_position = 0;   // in minima_: the first entry inside the window
        std::uint64_t max_position = 0;
        std::uint64_t non_finite = 0;
        WindowMoments moments;
    };

    void evict(Window& window);

    std::vector<Window> windows_;
    std::size_t longest_ = 0; // the window that decides what the shared storage can forget
    TimeNs newest_ns_ = std::numeric_limits<TimeNs>::min();
    TimeNs first_ns_ = 0;
    RingDeque<Entry> samples_;  // position = sequence number of the sample
    RingDeque<Extreme> minima_; // increasing values
    RingDeque<Extreme> maxima_; // decreasing values
};

} // namespace streamscope
