#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace streamscope::bench {

// Best-of-N wall time of `work`, in seconds. The best run is the one least disturbed by whatever else
// the (shared, noisy) machine was doing.
inline double bestSeconds(int repetitions, const std::function<void()>& work)
{
    double best = 1e300;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

// Keeps a value alive so the optimiser cannot delete the loop that computed it.
template<typename T>
inline void keep(const T& value)
{
    asm volatile("" : : "r,m"(value) : "memory");
}

} // namespace streamscope::bench
