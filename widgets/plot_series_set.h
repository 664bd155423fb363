#pragma once

#include "core/pipeline/channel_store.h"
#include "core/pipeline/lod_series.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

namespace streamscope::widgets {

// The nearest sample to a time, for a cursor read-out.
struct NearestSample {
    TimeNs time = 0;
    double value = 0.0;
};

// The GUI's copy of the shown channels' history, one LodSeries per channel, shared by all plots of a
// PlotArea so that a channel shown on three plots is pulled and stored once. pull() copies only the
// points added to the store since the last call (never one signal per sample) and forgets what the
// store itself has forgotten, so the plots can pan back over exactly the store's history. Channels on
// no plot keep no copy: shown again, they start over from the store's whole history.
class PlotSeriesSet {
public:
    void setStore(const ChannelStore* store);
    [[nodiscard]] const ChannelStore* store() const { return store_; }

    struct PullResult {
        std::size_t new_channels = 0;         // channels that appeared in this pull
        std::optional<TimeNs> earliest_new;   // the oldest time among the new points, if any arrived
    };
    PullResult pull();

    [[nodiscard]] std::size_t channelCount() const { return channels_.size(); }
    // Whether pull() keeps a copy of the channel; unwanted channels have an empty series.
    void setWanted(ChannelIndex channel, bool wanted);
    [[nodiscard]] const LodSeries& series(ChannelIndex channel) const { return channels_[channel].series; }
    [[nodiscard]] const QString& name(ChannelIndex channel) const { return channels_[channel].name; }
    // What legends show: the session's display name, or the name.
    [[nodiscard]] const QString& label(ChannelIndex channel) const { return channels_[channel].label; }
    [[nodiscard]] const QString& unit(ChannelIndex channel) const { return channels_[channel].unit; }
    // The channels called `name`, in channel order (names repeat across sources).
    [[nodiscard]] std::vector<ChannelIndex> channelsNamed(const QString& name) const;
    // The newest time of any channel; nullopt while nothing has arrived.
    [[nodiscard]] std::optional<TimeNs> newestTime() const { return newest_; }
    [[nodiscard]] std::optional<TimeNs> oldestTime() const;

    // The sample of `channel` nearest to `time` within `reach` either side.
    [[nodiscard]] std::optional<NearestSample> nearest(ChannelIndex channel, TimeNs time, TimeNs reach) const;

private:
    struct Channel {
        QString name;
        QString label;
        QString unit;
        LodSeries series;
        std::uint64_t next_sequence = 0;
        bool wanted = false;
        // (sequence, time) of every kSuperBlock-th point: where to cut when the store has moved on.
        std::deque<std::pair<std::uint64_t, TimeNs>> marks;
    };
    void forgetWhatTheStoreForgot(Channel& channel);

    const ChannelStore* store_ = nullptr;
    std::vector<Channel> channels_;
    std::optional<TimeNs> newest_;
};

} // namespace streamscope::widgets
