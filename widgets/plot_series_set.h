#pragma once

#include "core/pipeline/channel_store.h"
#include "core/pipeline/lod_series.h"
#include "core/pipeline/m4_column_cache.h"
#include "widgets/archive_queries.h"
#include "widgets/plot_archive.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace streamscope::widgets {

// The nearest sample to a time, for a cursor read-out.
struct NearestSample {
    TimeNs time = 0;
    double value = 0.0;
};

// What a plot keeps of one curve between frames, so that a frame recomputes only what changed: live, the
// M4 columns on a fixed time grid; from an archive, the columns of the range last queried (drawn until
// those of the range now shown arrive) and the range asked for.
struct PlotColumns {
    M4ColumnCache live;
    std::uint64_t key = nextKey(); // the curve's queries
    M4Range queried{};
    M4Range requested{};
    std::vector<M4Column> columns;

private:
    static std::uint64_t nextKey();
};

// The GUI's copy of the shown channels' history, one LodSeries per channel, shared by all plots of a
// PlotArea so that a channel shown on three plots is pulled and stored once. pull() copies only the
// points added to the store since the last call (never one signal per sample) and forgets what the
// store itself has forgotten, so the plots can pan back over exactly the store's history. Channels on
// no plot keep no copy: shown again, they start over from the store's whole history.
//
// Instead of a store the set can draw from an archive (setArchive): then it copies nothing, and each
// plot queries the M4 columns of the range it shows, on a worker thread (ArchiveQueries); a curve draws
// the columns it has until the new ones arrive, and the area is told to draw again.
class PlotSeriesSet {
public:
    // Each replaces the other: the plots draw from one source at a time. Not owned.
    void setStore(const ChannelStore* store);
    // `arrived` is called on the GUI thread when queried columns arrive: draw again.
    void setArchive(const PlotArchive* archive, std::function<void()> arrived = {});
    [[nodiscard]] const ChannelStore* store() const { return store_; }
    [[nodiscard]] const PlotArchive* archive() const { return archive_; }
    [[nodiscard]] bool hasSource() const { return store_ != nullptr || archive_ != nullptr; }

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
    // What a plot `width` pixel columns wide draws of `channel` over [left, right]: the M4 points of its
    // columns in time order. `cache` is the curve's, kept between frames.
    void polyline(ChannelIndex channel, TimeNs left, TimeNs right, int width, PlotColumns& cache,
                  std::vector<TimeNs>& times, std::vector<double>& values) const;

    // The newest time of any channel (with an archive: the replay position); nullopt while nothing has arrived.
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

    void setSource(const ChannelStore* store, const PlotArchive* archive);
    PullResult pullArchive();

    const ChannelStore* store_ = nullptr;
    const PlotArchive* archive_ = nullptr;
    std::unique_ptr<ArchiveQueries> queries_;
    std::vector<Channel> channels_;
    std::optional<TimeNs> newest_;
};

} // namespace streamscope::widgets
