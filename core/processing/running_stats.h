#pragma once

#include "core/pipeline/sample.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace streamscope {

// Count, min, max, mean and standard deviation of a set of values. NaN when there are no finite values.
// The standard deviation is the population one (divides by n), like numpy's default.
struct StatisticsSummary {
    std::uint64_t count = 0;      // every sample, finite or not
    std::uint64_t non_finite = 0; // NaN and infinities: counted, but kept out of min/max/mean/std
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    double std = std::numeric_limits<double>::quiet_NaN();
};

// Welford's running mean and sum of squared deviations, with removal for sliding windows. Values are
// taken relative to a shift (the first value after the accumulator was empty), so that a large offset
// with small variations (1e6 +- 1e-3) keeps its precision; removal is the exact algebraic inverse of an
// addition, and an emptied accumulator restarts from exact zero.
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
    void remove(double x)
    {
        if (n_ <= 1) {
            n_ = 0;
            mean_ = 0.0;
            m2_ = 0.0;
            return;
        }
        x -= shift_;
        --n_;
        const double delta = x - mean_;
        mean_ -= delta / static_cast<double>(n_);
        m2_ -= delta * (x - mean_);
        if (m2_ < 0.0) // rounding can take a near-constant window a hair below zero
            m2_ = 0.0;
    }
    // Exactly one value left: restart from it, dropping any rounding residue of the removals.
    void resetTo(double x)
    {
        n_ = 1;
        shift_ = x;
        mean_ = 0.0;
        m2_ = 0.0;
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
