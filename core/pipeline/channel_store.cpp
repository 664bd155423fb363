#include "core/pipeline/channel_store.h"

#include <cmath>

namespace streamscope {

inline bool ChannelStore::RunningTotals::add(TimeNs time_ns, double value)
{
    ChannelTotals& t = totals;
    if (t.count == 0)
        t.first_time_ns = time_ns;
    const bool in_order = t.count == 0 || time_ns >= t.last_time_ns;
    ++t.count;
    if (in_order)
        t.last_time_ns = time_ns;
    else
        ++t.out_of_order;
    t.last = value;
    if (!std::isfinite(value)) {
        ++t.non_finite;
        return in_order;
    }
    if (t.count - t.non_finite == 1) {
        t.min = t.max = shift = value;
        return in_order;
    }
    t.min = std::min(t.min, value);
    t.max = std::max(t.max, value);
    shifted_sum += value - shift;
    return in_order;
}

ChannelTotals ChannelStore::RunningTotals::read() const
{
    ChannelTotals t = totals;
    const std::uint64_t finite = t.count - t.non_finite;
    if (finite > 0)
        t.mean = shift + shifted_sum / static_cast<double>(finite);
    return t;
}

ChannelIndex ChannelStore::addChannel(ChannelInfo info)
{
    std::lock_guard lock(mutex_);
    channels_.push_back({std::move(info), {}, {}});
    return static_cast<ChannelIndex>(channels_.size() - 1);
}

void ChannelStore::Writer::add(std::span<const ChannelSample> samples)
{
    const std::size_t capacity = store_.history_length_;
    for (const ChannelSample& sample : samples) {
        Channel& channel = store_.channels_[sample.channel];
        if (!channel.totals.add(sample.time_ns, sample.value))
            continue;
        History& h = channel.history;
        if (h.times.size() < capacity) {
            h.times.push_back(sample.time_ns);
            h.values.push_back(sample.value);
        } else {
            h.times[h.head] = sample.time_ns;
            h.values[h.head] = sample.value;
            h.head = h.head + 1 == capacity ? 0 : h.head + 1;
        }
        ++h.appended;
    }
}

std::size_t ChannelStore::channelCount() const
{
    std::lock_guard lock(mutex_);
    return channels_.size();
}

std::vector<ChannelSnapshot> ChannelStore::snapshot() const
{
    std::lock_guard lock(mutex_);
    std::vector<ChannelSnapshot> result;
    result.reserve(channels_.size());
    for (std::size_t i = 0; i < channels_.size(); ++i)
        result.push_back({static_cast<ChannelIndex>(i), channels_[i].info, channels_[i].totals.read()});
    return result;
}

HistorySlice ChannelStore::readHistorySince(ChannelIndex channel, std::uint64_t sequence) const
{
    std::lock_guard lock(mutex_);
    HistorySlice slice;
    if (channel >= channels_.size())
        return slice;
    const History& h = channels_[channel].history;
    const std::uint64_t held = h.times.size();
    const std::uint64_t oldest = h.appended - held;
    if (sequence < oldest) {
        slice.missed = oldest - sequence;
        sequence = oldest;
    }
    slice.next_sequence = h.appended;
    const std::uint64_t wanted = h.appended > sequence ? h.appended - sequence : 0;
    slice.times.reserve(wanted);
    slice.values.reserve(wanted);
    // Position of the oldest held point: index 0 until the buffer is full, then `head`.
    const std::size_t start = held < history_length_ ? 0 : h.head;
    for (std::uint64_t s = sequence; s < h.appended; ++s) {
        const std::size_t pos = (start + static_cast<std::size_t>(s - oldest)) % held;
        slice.times.push_back(h.times[pos]);
        slice.values.push_back(h.values[pos]);
    }
    return slice;
}

} // namespace streamscope
