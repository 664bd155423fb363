#pragma once

#include "core/pipeline/sample.h"
#include "core/processing/ring_deque.h"
#include "core/processing/running_stats.h"

#include <cstdint>
#include <limits>

namespace streamscope {

// The statistics of one channel over one window, copied out for readers.
struct WindowStatistics {
    TimeNs window_ns = 0;
    StatisticsSummary summary; // over the samples inside the window
    double rate_hz = 0.0;
};

// Statistics of one channel over a sliding window of sample time: the window holds the samples with
// time in (newest - window, newest]. Every operation is amortised O(1): the samples sit in a ring,
// min and max come from monotonic deques, mean and std from a Welford accumulator with removal.
//
// Time policy: windows follow sample time, never the wall clock, so a replay gives the numbers the
// live session gave. A sample older than the newest one seen (out of order) is counted as if it
// arrived at the newest time, which keeps the window ordered and never drops it.
//
// Rate policy: once the channel has been seen for a whole window, rate = samples in window / window;
// before that, (samples - 1) / (newest - oldest), the rate measured so far.
class RollingWindowStats {
public:
    explicit RollingWindowStats(TimeNs window_ns) : window_ns_(window_ns) {}

    void add(TimeNs time_ns, double value);
    [[nodiscard]] WindowStatistics statistics() const;
    [[nodiscard]] TimeNs window() const { return window_ns_; }

private:
    void evictOlderThan(TimeNs cutoff_ns);

    struct Entry {
        TimeNs time_ns = 0;
        double value = 0.0;
        std::uint64_t sequence = 0;
    };
    struct Extreme {
        std::uint64_t sequence = 0;
        double value = 0.0;
    };

    TimeNs window_ns_;
    TimeNs newest_ns_ = std::numeric_limits<TimeNs>::min();
    TimeNs first_ns_ = 0;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t non_finite_ = 0;
    RingDeque<Entry> samples_;
    RingDeque<Extreme> minima_; // increasing values: the front is the window's minimum
    RingDeque<Extreme> maxima_; // decreasing values: the front is the window's maximum
    WelfordAccumulator welford_;
};

} // namespace streamscope
