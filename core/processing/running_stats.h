#pragma once

#include "core/processing/extremes.h"
#include "core/processing/statistics_summary.h"
#include "core/processing/window_moments.h"

#include <cmath>
#include <cstdint>

namespace streamscope {

// Whole-session totals of one channel (no window). The moments are the windows' shifted sums without
// removals: as accurate as Welford's update here, without its division per sample, whose latency chains
// from one sample of a channel to the next.
class RunningStats {
public:
    void add(double value)
    {
        ++count_;
        if (!std::isfinite(value)) {
            ++non_finite_;
            return;
        }
        extremes_.add(value);
        moments_.add(value);
    }
    [[nodiscard]] StatisticsSummary summary() const
    {
        StatisticsSummary s;
        s.count = count_;
        s.non_finite = non_finite_;
        if (moments_.count() > 0) {
            s.min = extremes_.min;
            s.max = extremes_.max;
            s.mean = moments_.mean();
            s.std = moments_.populationStd();
        }
        return s;
    }

private:
    std::uint64_t count_ = 0;
    std::uint64_t non_finite_ = 0;
    Extremes extremes_;
    WindowMoments moments_;
};

} // namespace streamscope
