#pragma once

#include "core/processing/statistics_summary.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace streamscope {

// Welford's running mean and sum of squared deviations (no removal): the whole-session totals, where
// a division per sample is cheap next to everything else.
class WelfordAccumulator {
public:
    void add(double x)
    {
        if (n_ == 0)
            shift_ = x;
        x -= shift_;
        ++n_;
        const double delta = x - mean_;
        mean_ += delta / static_cast<double>(n_);
        m2_ += delta * (x - mean_);
    }
    [[nodiscard]] std::uint64_t count() const { return n_; }
    [[nodiscard]] double mean() const { return n_ ? shift_ + mean_ : std::numeric_limits<double>::quiet_NaN(); }
    [[nodiscard]] double populationStd() const
    {
        return n_ ? std::sqrt(m2_ / static_cast<double>(n_)) : std::numeric_limits<double>::quiet_NaN();
    }

private:
    std::uint64_t n_ = 0;
    double shift_ = 0.0;
    double mean_ = 0.0; // of the shifted values
    double m2_ = 0.0;
};

// Whole-session totals of one channel (no window).
class RunningStats {
public:
    void add(double value)
    {
        ++count_;
        if (!std::isfinite(value)) {
            ++non_finite_;
            return;
        }
        if (welford_.count() == 0 || value < min_)
            min_ = value;
        if (welford_.count() == 0 || value > max_)
            max_ = value;
        welford_.add(value);
    }
    [[nodiscard]] StatisticsSummary summary() const
    {
        StatisticsSummary s;
        s.count = count_;
        s.non_finite = non_finite_;
        if (welford_.count() > 0) {
            s.min = min_;
            s.max = max_;
            s.mean = welford_.mean();
            s.std = welford_.populationStd();
        }
        return s;
    }

private:
    std::uint64_t count_ = 0;
    std::uint64_t non_finite_ = 0;
    double min_ = 0.0;
    double max_ = 0.0;
    WelfordAccumulator welford_;
};

} // namespace streamscope
