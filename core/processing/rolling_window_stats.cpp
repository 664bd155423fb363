#include "core/processing/rolling_window_stats.h"

#include <cmath>

namespace streamscope {

void RollingWindowStats::add(TimeNs time_ns, double value)
{
    if (next_sequence_ == 0)
        first_ns_ = time_ns;
    if (time_ns < newest_ns_)
        time_ns = newest_ns_;
    newest_ns_ = time_ns;
    // Evict first, so that a window emptied by a gap restarts from exact zero.
    evictOlderThan(newest_ns_ - window_ns_);

    const std::uint64_t sequence = next_sequence_++;
    samples_.push_back({time_ns, value, sequence});
    if (std::isfinite(value)) {
        welford_.add(value);
        while (!minima_.empty() && minima_.back().value >= value)
            minima_.pop_back();
        minima_.push_back({sequence, value});
        while (!maxima_.empty() && maxima_.back().value <= value)
            maxima_.pop_back();
        maxima_.push_back({sequence, value});
    } else {
        ++non_finite_;
    }
}

void RollingWindowStats::evictOlderThan(TimeNs cutoff_ns)
{
    while (!samples_.empty() && samples_.front().time_ns <= cutoff_ns) {
        const Entry& oldest = samples_.front();
        if (std::isfinite(oldest.value)) {
            if (minima_.front().sequence == oldest.sequence)
                minima_.pop_front();
            if (maxima_.front().sequence == oldest.sequence)
                maxima_.pop_front();
            welford_.remove(oldest.value);
            if (welford_.count() == 1)
                welford_.resetTo(minima_.front().value); // the one finite value left
        } else {
            --non_finite_;
        }
        samples_.pop_front();
    }
}

WindowStatistics RollingWindowStats::statistics() const
{
    WindowStatistics s;
    s.window_ns = window_ns_;
    s.summary.count = samples_.size();
    s.summary.non_finite = non_finite_;
    if (welford_.count() > 0) {
        s.summary.min = minima_.front().value;
        s.summary.max = maxima_.front().value;
        s.summary.mean = welford_.mean();
        s.summary.std = welford_.populationStd();
    }
    if (!samples_.empty()) {
        const auto count = static_cast<double>(samples_.size());
        if (newest_ns_ - first_ns_ >= window_ns_)
            s.rate_hz = count / (static_cast<double>(window_ns_) * 1e-9);
        else if (const TimeNs span = newest_ns_ - samples_.front().time_ns; span > 0)
            s.rate_hz = (count - 1.0) / (static_cast<double>(span) * 1e-9);
    }
    return s;
}

} // namespace streamscope
