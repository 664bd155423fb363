#include "core/processing/rolling_window_stats.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace streamscope {

namespace {
// Four cache lines of times (or of values) ahead of a cursor.
constexpr std::uint64_t kPrefetchAhead = 32;
} // namespace

RollingWindowStats::RollingWindowStats(const std::vector<TimeNs>& windows)
{
    for (TimeNs length : windows) {
        assert(length > 0);
        Window window;
        window.length_ns = length;
        windows_.push_back(window);
    }
    for (std::size_t i = 0; i < windows_.size(); ++i)
        if (windows_[i].length_ns > windows_[longest_].length_ns)
            longest_ = i;
}

void RollingWindowStats::add(std::span<const TimeNs> times, std::span<const double> values)
{
    assert(times.size() == values.size());
    if (windows_.empty() || times.empty())
        return;
    const std::uint64_t run_begin = samples_.endPosition();
    if (run_begin == 0)
        first_ns_ = times.front();
    const double newest_finite_before = newest_finite_;
    for (std::size_t i = 0; i < times.size(); ++i) {
        const TimeNs time_ns = std::max(times[i], newest_ns_);
        newest_ns_ = time_ns;
        const std::uint64_t position = samples_.endPosition();
        // A full long window writes over slots last touched a window ago, long gone from cache.
        samples_.prefetch(position + kPrefetchAhead);
        samples_.push_back(time_ns, values[i]);
        extremes_.add(position, values[i]);
        if (std::isfinite(values[i]))
            newest_finite_ = values[i];
    }
    for (Window& window : windows_)
        advance(window, run_begin, newest_finite_before);

    // Forget what even the longest window no longer holds.
    const std::uint64_t oldest_held = windows_[longest_].first_sequence;
    samples_.dropBefore(oldest_held);
    extremes_.dropBefore(oldest_held);
}

// Takes the window over the samples from `run_begin` to the end, one sample at a time: add it, then
// evict what fell out behind it.
void RollingWindowStats::advance(Window& window, std::uint64_t run_begin, double newest_finite) const
{
    std::uint64_t first = window.first_sequence;
    std::uint64_t non_finite = window.non_finite;
    WindowMoments moments = window.moments; // a local copy stays in registers over the run
    for (std::uint64_t position = run_begin; position < samples_.endPosition(); ++position) {
        const double added = samples_.valueAt(position);
        if (std::isfinite(added)) {
            moments.add(added);
            newest_finite = added;
        } else {
            ++non_finite;
        }
        // The oldest samples of a long window are far behind the newest (a 60 s window at 1 kHz is
        // 60000 samples back) and no longer in cache; eviction walks them in order, so fetch ahead.
        samples_.prefetch(first + kPrefetchAhead);
        const TimeNs cutoff = samples_.timeAt(position) - window.length_ns;
        if (samples_.timeAt(first) > cutoff)
            continue;
        // The sample just added is inside (its time is above the cutoff), so this stops at it at the latest.
        do {
            const double value = samples_.valueAt(first);
            if (std::isfinite(value))
                moments.remove(value);
            else
                --non_finite;
            ++first;
        } while (samples_.timeAt(first) <= cutoff);
        // One finite value left: it is the newest finite one so far, since the window ends at `position`.
        if (moments.count() == 1)
            moments.resetTo(newest_finite);
    }
    window.first_sequence = first;
    window.non_finite = non_finite;
    window.moments = moments;
}

WindowStatistics RollingWindowStats::statistics(std::size_t index) const
{
    const Window& window = windows_[index];
    WindowStatistics s;
    s.window_ns = window.length_ns;
    const std::uint64_t count = samples_.endPosition() - window.first_sequence;
    s.summary.count = count;
    s.summary.non_finite = window.non_finite;
    if (window.moments.count() > 0) {
        const Extremes extremes = extremes_.over(window.first_sequence, samples_);
        s.summary.min = extremes.min;
        s.summary.max = extremes.max;
        s.summary.mean = window.moments.mean();
        s.summary.std = window.moments.populationStd();
    }
    if (count > 0) {
        if (newest_ns_ - first_ns_ >= window.length_ns)
            s.rate_hz = static_cast<double>(count) / (static_cast<double>(window.length_ns) * 1e-9);
        else if (const TimeNs span = newest_ns_ - samples_.timeAt(window.first_sequence); span > 0)
            s.rate_hz = (static_cast<double>(count) - 1.0) / (static_cast<double>(span) * 1e-9);
    }
    return s;
}

} // namespace streamscope
