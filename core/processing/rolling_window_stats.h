#pragma once

#include "core/pipeline/sample.h"
#include "core/processing/block_extremes.h"
#include "core/processing/sample_ring.h"
#include "core/processing/statistics_summary.h"
#include "core/processing/window_moments.h"

#include <cstdint>
#include <limits>
#include <span>
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
// so the samples are stored once (SampleRing) and so are the block-wise extremes (BlockExtremes); each
// window keeps only its start position (its eviction cursor) and its moments. Every operation is
// amortised O(1) per sample and window; nothing rescans a window.
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

    void add(TimeNs time_ns, double value) { add(std::span(&time_ns, 1), std::span(&value, 1)); }
    // A run of consecutive samples of the channel, in order: the same result as adding them one by one
    // (each window sees the same operations in the same order), with each window's state held in
    // registers over the run. The pipeline hands over a channel's samples of a batch at once.
    void add(std::span<const TimeNs> times, std::span<const double> values);
    [[nodiscard]] std::size_t windowCount() const { return windows_.size(); }
    [[nodiscard]] WindowStatistics statistics(std::size_t window) const;

private:
    struct Window {
        TimeNs length_ns = 0;
        std::uint64_t first_sequence = 0; // oldest sample inside
        std::uint64_t non_finite = 0;
        WindowMoments moments;
    };

    void advance(Window& window, std::uint64_t run_begin, double newest_finite) const;

    std::vector<Window> windows_;
    std::size_t longest_ = 0; // the window that decides what the shared storage can forget
    TimeNs newest_ns_ = std::numeric_limits<TimeNs>::min();
    TimeNs first_ns_ = 0;
    double newest_finite_ = 0.0; // the newest finite value seen (meaningful once there is one)
    SampleRing samples_; // position = sequence number of the sample
    BlockExtremes extremes_;
};

} // namespace streamscope
