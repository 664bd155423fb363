#include "widgets/plot_series_set.h"

#include <algorithm>
#include <atomic>

namespace streamscope::widgets {

namespace {

QString labelOf(const ChannelInfo& info)
{
    return QString::fromStdString(info.display_name.empty() ? info.name : info.display_name);
}

} // namespace

std::uint64_t PlotColumns::nextKey()
{
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

void PlotSeriesSet::setStore(const ChannelStore* store) { setSource(store, nullptr); }

void PlotSeriesSet::setArchive(const PlotArchive* archive, std::function<void()> arrived)
{
    setSource(nullptr, archive);
    if (!archive)
        return;
    queries_ = std::make_unique<ArchiveQueries>(*archive);
    if (arrived)
        QObject::connect(queries_.get(), &ArchiveQueries::ready, queries_.get(), std::move(arrived));
}

void PlotSeriesSet::setSource(const ChannelStore* store, const PlotArchive* archive)
{
    queries_.reset(); // waits for a query under way: the old archive may be about to go
    store_ = store;
    archive_ = archive;
    channels_.clear();
    newest_.reset();
}

PlotSeriesSet::PullResult PlotSeriesSet::pullArchive()
{
    PullResult result;
    if (channels_.empty()) {
        for (const ChannelInfo& info : archive_->channelInfos()) {
            Channel& channel = channels_.emplace_back();
            channel.name = QString::fromStdString(info.name);
            channel.unit = QString::fromStdString(info.unit);
            channel.label = labelOf(info);
        }
        result.new_channels = channels_.size();
    }
    newest_ = archive_->now();
    return result;
}

PlotSeriesSet::PullResult PlotSeriesSet::pull()
{
    if (archive_)
        return pullArchive();
    PullResult result;
    if (!store_)
        return result;
    if (channels_.size() < store_->channelCount()) {
        const std::vector<ChannelSnapshot> snapshot = store_->snapshot();
        result.new_channels = snapshot.size() - channels_.size();
        for (std::size_t i = channels_.size(); i < snapshot.size(); ++i) {
            Channel& channel = channels_.emplace_back();
            channel.name = QString::fromStdString(snapshot[i].info.name);
            channel.unit = QString::fromStdString(snapshot[i].info.unit);
            channel.label = labelOf(snapshot[i].info);
        }
    }
    for (std::size_t i = 0; i < channels_.size(); ++i) {
        Channel& channel = channels_[i];
        if (!channel.wanted)
            continue;
        const HistorySlice slice = store_->readHistorySince(static_cast<ChannelIndex>(i), channel.next_sequence);
        if (slice.times.empty())
            continue;
        // Sequence numbers count every point the store ever kept; missed ones are gone from it already.
        std::uint64_t sequence = slice.next_sequence - slice.times.size();
        for (std::size_t p = 0; p < slice.times.size(); ++p, ++sequence) {
            if (sequence % LodSeries::kSuperBlock == 0)
                channel.marks.emplace_back(sequence, slice.times[p]);
            channel.series.append(slice.times[p], slice.values[p]);
        }
        channel.next_sequence = slice.next_sequence;
        result.earliest_new = std::min(result.earliest_new.value_or(slice.times.front()), slice.times.front());
        newest_ = std::max(newest_.value_or(slice.times.back()), slice.times.back());
        forgetWhatTheStoreForgot(channel);
    }
    return result;
}

void PlotSeriesSet::forgetWhatTheStoreForgot(Channel& channel)
{
    const std::size_t keep = store_->historyLength();
    if (channel.series.size() <= keep + LodSeries::kSuperBlock || channel.next_sequence < keep)
        return;
    const std::uint64_t oldest_kept = channel.next_sequence - keep;
    std::optional<TimeNs> cut;
    while (!channel.marks.empty() && channel.marks.front().first <= oldest_kept) {
        cut = channel.marks.front().second;
        channel.marks.pop_front();
    }
    if (cut)
        channel.series.dropBefore(*cut);
}

void PlotSeriesSet::setWanted(ChannelIndex channel, bool wanted)
{
    Channel& c = channels_[channel];
    if (c.wanted == wanted)
        return;
    c.wanted = wanted;
    if (!wanted) { // give the memory back; the store still has the history if it is shown again
        c.series.clear();
        c.marks.clear();
        c.next_sequence = 0;
    }
}

std::vector<ChannelIndex> PlotSeriesSet::channelsNamed(const QString& name) const
{
    std::vector<ChannelIndex> named;
    for (std::size_t i = 0; i < channels_.size(); ++i)
        if (channels_[i].name == name)
            named.push_back(static_cast<ChannelIndex>(i));
    return named;
}

void PlotSeriesSet::polyline(ChannelIndex channel, TimeNs left, TimeNs right, int width, PlotColumns& cache,
                             std::vector<TimeNs>& times, std::vector<double>& values) const
{
    if (!archive_) {
        const TimeNs column_ns = std::max<TimeNs>(1, (right - left) / width);
        cache.live.update(series(channel), left, right, column_ns);
        cache.live.polyline(times, values);
        return;
    }
    // The archive's samples do not change: query only when the range or the width does.
    const auto same = [](M4Range a, M4Range b) { return a.from == b.from && a.to == b.to && a.width == b.width; };
    if (auto result = queries_->take(cache.key)) {
        cache.columns = std::move(result->columns);
        cache.queried = result->range;
    }
    const M4Range range{left, right + 1, width};
    if (!same(range, cache.queried) && !same(range, cache.requested)) {
        queries_->request(cache.key, channel, range);
        cache.requested = range;
    }
    times.clear();
    values.clear();
    for (const M4Column& column : cache.columns)
        appendM4Points(column, times, values);
}

std::optional<TimeNs> PlotSeriesSet::oldestTime() const
{
    if (archive_)
        return archive_->startTime();
    std::optional<TimeNs> oldest;
    for (const Channel& channel : channels_)
        if (!channel.series.empty())
            oldest = std::min(oldest.value_or(channel.series.firstTime()), channel.series.firstTime());
    return oldest;
}

std::optional<NearestSample> PlotSeriesSet::nearest(ChannelIndex channel, TimeNs time, TimeNs reach) const
{
    if (reach <= 0)
        return std::nullopt;
    // Two M4 columns around `time`: the last sample of [time - reach, time) and the first of
    // [time, time + reach) are the neighbours on either side, found through the series' pyramid.
    std::vector<M4Column> sides;
    const M4Range around{time - reach, time + reach, 2};
    if (archive_) {
        archive_->query(channel, around, sides);
    } else {
        const LodSeries& series = channels_[channel].series;
        if (series.empty())
            return std::nullopt;
        series.m4(around, sides);
    }
    std::optional<NearestSample> best;
    if (sides[0].count > 0)
        best = NearestSample{sides[0].last_time, sides[0].last};
    if (sides[1].count > 0 && (!best || sides[1].first_time - time < time - best->time))
        best = NearestSample{sides[1].first_time, sides[1].first};
    return best;
}

} // namespace streamscope::widgets
