#include "core/processing/rolling_window_stats.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace streamscope {

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

void RollingWindowStats::add(TimeNs time_ns, double value)
{
    if (windows_.empty())
        return;
    if (samples_.endPosition() == 0)
        first_ns_ = time_ns;
    if (time_ns < newest_ns_)
        time_ns = newest_ns_;
    newest_ns_ = time_ns;
    const std::uint64_t sequence = samples_.endPosition();
    // A full long window writes over slots last touched a window ago, long gone from cache.
    samples_.prefetch(sequence + 16);
    samples_.push_back({time_ns, value});

    if (std::isfinite(value)) {
        // Entries popped here can never again be the minimum (maximum) of any window that holds the
        // new value, and every window holds it; a window whose candidate was popped takes the new one.
        minima_.pop_back_while([value](const Extreme& e) { return e.value >= value; });
        minima_.push_back({sequence, value});
        maxima_.pop_back_while([value](const Extreme& e) { return e.value <= value; });
        maxima_.push_back({sequence, value});
        const std::uint64_t newest_min = minima_.endPosition() - 1;
        const std::uint64_t newest_max = maxima_.endPosition() - 1;
        for (Window& window : windows_) {
            window.min_position = std::min(window.min_position, newest_min);
            window.max_position = std::min(window.max_position, newest_max);
            window.moments.add(value);
        }
    } else {
        for (Window& window : windows_)
            ++window.non_finite;
    }

    for (Window& window : windows_)
        evict(window);

    // Forget what even the longest window no longer holds.
    const Window& longest = windows_[longest_];
    while (samples_.beginPosition() < longest.first_sequence)
        samples_.pop_front();
    while (minima_.beginPosition() < longest.min_position)
        minima_.pop_front();
    while (maxima_.beginPosition() < longest.max_position)
        maxima_.pop_front();
}

void RollingWindowStats::evict(Window& window)
{
    const TimeNs cutoff = newest_ns_ - window.length_ns;
    // The oldest samples of a long window are far behind the newest (a 60 s window at 1 kHz is 60000
    // samples back) and no longer in cache; eviction walks them in order, so fetch a few lines ahead.
    samples_.prefetch(window.first_sequence + 16);
    bool evicted = false;
    while (samples_.at(window.first_sequence).time_ns <= cutoff) {
        const double value = samples_.at(window.first_sequence).value;
        if (std::isfinite(value))
            window.moments.remove(value);
        else
            --window.non_finite;
        ++window.first_sequence;
        evicted = true;
    }
    if (!evicted)
        return;
    while (window.min_position < minima_.endPosition()
           && minima_.at(window.min_position).sequence < window.first_sequence)
        ++window.min_position;
    while (window.max_position < maxima_.endPosition()
           && maxima_.at(window.max_position).sequence < window.first_sequence)
        ++window.max_position;
    if (window.moments.count() == 1)
        window.moments.resetTo(minima_.at(window.min_position).value); // the one finite value left
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
        s.summary.min = minima_.at(window.min_position).value;
        s.summary.max = maxima_.at(window.max_position).value;
        s.summary.mean = window.moments.mean();
        s.summary.std = window.moments.populationStd();
    }
    if (count > 0) {
        if (newest_ns_ - first_ns_ >= window.length_ns)
            s.rate_hz = static_cast<double>(count) / (static_cast<double>(window.length_ns) * 1e-9);
        else if (const TimeNs span = newest_ns_ - samples_.at(window.first_sequence).time_ns; span > 0)
            s.rate_hz = (static_cast<double>(count) - 1.0) / (static_cast<double>(span) * 1e-9);
    }
    return s;
}

} // namespace streamscope
