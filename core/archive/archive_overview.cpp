#include "core/archive/archive_overview.h"

#include "core/archive/archive_format.h"
#include "core/archive/archive_overview_query.h"
#include "core/archive/lod_cache.h"

#include <algorithm>

namespace streamscope {

using namespace archive;

namespace {

// Rows and samples are read in pieces of this many, so that memory stays bounded for any archive.
constexpr std::size_t kPiece = 1 << 16;

// All levels there, and the finest covering the samples but for a killed recording's last flush.
bool hasUsablePyramid(hid_t group, std::uint64_t count)
{
    for (const char* level : kLodDatasets) {
        if (H5Lexists(group, level, H5P_DEFAULT) <= 0)
            return false;
    }
    const Hid finest(H5Dopen2(group, kLodDatasets[0], H5P_DEFAULT));
    return finest.valid() && pyramidUsable(lengthOf(finest.get()), count);
}

} // namespace

ArchiveOverview::ArchiveOverview(const ArchiveReader& reader, const LodProgress& progress)
    : reader_(reader), row_type_(makeLodRowType())
{
    const auto& channels = reader.channels();
    channels_.resize(channels.size());
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < channels.size(); ++i) {
        const std::string path = std::string(kChannelsGroup) + "/" + channels[i].group;
        const Hid group(checkHdf5Id(H5Gopen2(reader.file(), path.c_str(), H5P_DEFAULT),
                                    "cannot open channel '" + channels[i].name + "' of " + reader.path()));
        Channel& channel = channels_[i];
        channel.count = channels[i].count;
        const std::string what = "cannot open channel '" + channels[i].name + "' of " + reader.path();
        channel.time = Hid(checkHdf5Id(H5Dopen2(group.get(), kTimeDataset, H5P_DEFAULT), what));
        channel.value = Hid(checkHdf5Id(H5Dopen2(group.get(), kValueDataset, H5P_DEFAULT), what));
        channel.direct_time = RawChunkReader(reader.file(), channel.time.get(), sizeof(TimeNs));
        channel.direct_value = RawChunkReader(reader.file(), channel.value.get(), sizeof(double));
        if (hasUsablePyramid(group.get(), channel.count))
            openPyramid(i, group.get());
        else
            missing.push_back(i);
        H5Eclear2(H5E_DEFAULT);
    }
    if (!missing.empty()) {
        cache_file_ = LodCache::open(reader, missing, progress, built_);
        cache_path_ = LodCache::pathFor(reader.path());
        for (const std::size_t i : missing) {
            const std::string path = std::string(kChannelsGroup) + "/" + channels[i].group;
            const Hid group(checkHdf5Id(H5Gopen2(cache_file_.get(), path.c_str(), H5P_DEFAULT),
                                        "cannot open the pyramid cache " + cache_path_));
            openPyramid(i, group.get());
        }
    }
    for (Channel& channel : channels_)
        checkOrder(channel);
}

void ArchiveOverview::openPyramid(std::size_t index, hid_t group)
{
    Channel& channel = channels_[index];
    // Rows count only where the level below (or the raw data) holds all of their samples: a killed
    // recording may have written a level's rows and not the next.
    std::uint64_t below = channel.count;
    for (std::size_t level = 0; level < kLodLevels; ++level) {
        Level& slot = channel.levels[level];
        slot.dataset = Hid(checkHdf5Id(H5Dopen2(group, kLodDatasets[level], H5P_DEFAULT),
                                       "cannot open the pyramid of channel '" + reader_.channels()[index].name + "'"));
        const std::uint64_t per_block = level == 0 ? kLodBlockSizes[0] : kLodFanOut;
        slot.rows = std::min<std::uint64_t>(lengthOf(slot.dataset.get()), below / per_block);
        below = slot.rows;
    }
}

void ArchiveOverview::checkOrder(Channel& channel) const
{
    // The rows' flags cover their samples and the step from the sample before; the raw tail is checked here.
    std::vector<LodRow> rows;
    std::uint64_t covered = 0;
    TimeNs previous = 0;
    bool has_previous = false;
    for (std::size_t level = kLodLevels; level-- > 0;) {
        const std::uint64_t first = covered / kLodBlockSizes[level];
        const std::uint64_t end = channel.levels[level].rows;
        for (std::uint64_t piece = first; piece < end; piece += kPiece) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, end - piece));
            readLodRows(channel.levels[level].dataset.get(), row_type_.get(), piece, n, rows);
            for (const LodRow& row : rows) {
                if (row.ordered == 0) {
                    channel.ordered = false;
                    return;
                }
                previous = row.last_time;
                has_previous = true;
            }
        }
        covered = std::max(covered, end * kLodBlockSizes[level]);
    }
    std::vector<TimeNs> times;
    for (std::uint64_t piece = covered; piece < channel.count; piece += kPiece) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, channel.count - piece));
        times.resize(n);
        readElements(channel.time.get(), H5T_NATIVE_INT64, piece, n, times.data());
        for (const TimeNs time : times) {
            if (has_previous && time < previous) {
                channel.ordered = false;
                return;
            }
            previous = time;
            has_previous = true;
        }
    }
}

void ArchiveOverview::query(std::size_t index, M4Range range, std::vector<M4Column>& out) const
{
    out.assign(static_cast<std::size_t>(std::max(range.width, 0)), M4Column{});
    if (range.width <= 0 || range.to <= range.from)
        return;
    const Channel& channel = channels_.at(index);
    if (channel.ordered)
        Query(channel, row_type_.get(), range, out).run();
    else
        Query::scanAll(channel, range, out);
}

} // namespace streamscope
