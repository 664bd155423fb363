#include "core/protocol/channel_table.h"

namespace streamscope {

std::optional<LocalChannelId> ChannelTable::intern(std::string_view name)
{
    if (auto it = ids_.find(name); it != ids_.end())
        return it->second;
    if (names_.size() >= max_channels_)
        return std::nullopt;
    const auto id = static_cast<LocalChannelId>(names_.size());
    names_.emplace_back(name);
    ids_.emplace(names_.back(), id);
    return id;
}

std::optional<LocalChannelId> ChannelTable::find(std::string_view name) const
{
    if (auto it = ids_.find(name); it != ids_.end())
        return it->second;
    return std::nullopt;
}

void ChannelTable::appendPendingAnnouncements(SampleBatch& batch) const
{
    for (std::size_t i = announced_; i < names_.size(); ++i)
        batch.announcements.push_back({static_cast<LocalChannelId>(i), names_[i]});
}

} // namespace streamscope
