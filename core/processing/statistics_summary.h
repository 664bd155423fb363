#pragma once

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

} // namespace streamscope
