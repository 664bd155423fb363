#include "core/pipeline/channel_store.h"

#include <cmath>

namespace streamscope {

void ChannelTotals::add(TimeNs time_ns, double value)
{
    if (count == 0)
        first_time_ns = time_ns;
    ++count;
    if (time_ns < last_time_ns && count > 1)
        ++out_of_order;
    else
        last_time_ns = time_ns;
    last = value;
    if (!std::isfinite(value)) {
        ++non_finite;
        return;
    }
    const std::uint64_t finite = count - non_finite;
    if (finite == 1) {
        min = max = mean = value;
        return;
    }
    min = std::min(min, value);
    max = std::max(max, value);
    mean += (value - mean) / static_cast<double>(finite);
}

ChannelIndex ChannelStore::addChannel(ChannelInfo info)
{
    std::lock_guard lock(mutex_);
    channels_.push_back({std::move(info), {}, {}});
    return static_cast<ChannelIndex>(channels_.size() - 1);
}

void ChannelStore::append(Channel& channel, TimeNs time_ns, double value)
{
    const std::uint64_t out_of_order_before = channel.totals.out_of_order;
    channel.totals.add(time_ns, value);
    if (channel.totals.out_of_order != out_of_order_before)
        return;

    History& h = channel.history;
    if (h.times.size() < history_length_) {
        h.times.push_back(time_ns);
        h.values.push_back(value);
    } else {
        h.times[h.head] = time_ns;
        h.values[h.head] = value;
        h.head = h.head + 1 == history_length_ ? 0 : h.head + 1;
    }
    ++h.appended;
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
        result.push_back({static_cast<ChannelIndex>(i), channels_[i].info, channels_[i].totals});
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
