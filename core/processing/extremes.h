#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace streamscope {

// Minimum and maximum of the finite values seen; {+inf, -inf} while there are none.
struct Extremes {
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();

    void add(double value)
    {
        // Branch-free: a non-finite value becomes the neutral element of each fold.
        const bool finite = std::isfinite(value);
        min = std::min(min, finite ? value : std::numeric_limits<double>::infinity());
        max = std::max(max, finite ? value : -std::numeric_limits<double>::infinity());
    }
    void add(const Extremes& other)
    {
        min = std::min(min, other.min);
        max = std::max(max, other.max);
    }
    [[nodiscard]] bool empty() const { return min > max; }
};

} // namespace streamscope
