#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace streamscope {

// Running mean and variance with removal, for sliding windows, without a division per sample: sums of
// the values and of their squares taken relative to a shift K near the mean. The classic sum-of-squares
// formula loses precision only when |mean - K| is large against the standard deviation, so K starts at
// the first value and is moved to the current mean every kRecentreEvery additions (amortised O(1)); a
// large offset with small variations (1e6 +- 1e-3) keeps its precision. Removal is the exact inverse of
// an addition, and an emptied or single-value accumulator restarts exactly.
class WindowMoments {
public:
    void add(double x)
    {
        if (n_ == 0)
            shift_ = x;
        const double d = x - shift_;
        ++n_;
        s1_ += d;
        s2_ += d * d;
        if (++since_recentre_ == kRecentreEvery)
            recentre();
    }
    void remove(double x)
    {
        if (n_ <= 1) {
            n_ = 0;
            s1_ = 0.0;
            s2_ = 0.0;
            return;
        }
        const double d = x - shift_;
        --n_;
        s1_ -= d;
        s2_ -= d * d;
    }
    // Exactly one value left: restart from it, dropping any rounding residue of the removals.
    void resetTo(double x)
    {
        n_ = 1;
        shift_ = x;
        s1_ = 0.0;
        s2_ = 0.0;
    }
    [[nodiscard]] std::uint64_t count() const { return n_; }
    [[nodiscard]] double mean() const
    {
        return n_ ? shift_ + s1_ / static_cast<double>(n_) : std::numeric_limits<double>::quiet_NaN();
    }
    [[nodiscard]] double populationStd() const
    {
        if (n_ == 0)
            return std::numeric_limits<double>::quiet_NaN();
        const double n = static_cast<double>(n_);
        const double m2 = s2_ - s1_ * s1_ / n;
        return m2 > 0.0 ? std::sqrt(m2 / n) : 0.0; // rounding can take a constant window a hair below 0
    }

private:
    static constexpr unsigned kRecentreEvery = 1024;

    void recentre()
    {
        since_recentre_ = 0;
        const double n = static_cast<double>(n_);
        const double offset = s1_ / n;
        shift_ += offset;
        s2_ -= s1_ * offset; // = sum (x - new shift)^2
        s1_ = 0.0;
    }

    std::uint64_t n_ = 0;
    double shift_ = 0.0;
    double s1_ = 0.0; // sum of (x - shift)
    double s2_ = 0.0; // sum of (x - shift)^2
    unsigned since_recentre_ = 0;
};

} // namespace streamscope
