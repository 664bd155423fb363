#include "core/archive/archive_overview.h"

#include "core/archive/archive_format.h"
#include "core/archive/lod_cache.h"

#include <algorithm>

namespace streamscope {

using namespace archive;

namespace {

// Rows and samples are read in pieces of this many, so that memory stays bounded for any range.
constexpr std::size_t kPiece = 1 << 16;
// Runs of samples up to this long are read with RawChunkReader, longer ones through HDF5.
constexpr std::size_t kDirectRead = 4096;

hsize_t lengthOf(hid_t dataset)
{
    const Hid space(H5Dget_space(dataset));
    hsize_t length = 0;
    if (!space.valid() || H5Sget_simple_extent_dims(space.get(), &length, nullptr) != 1) {
        H5Eclear2(H5E_DEFAULT);
        return 0;
    }
    return length;
}

void readSeries(hid_t dataset, hid_t memory_type, std::uint64_t first, std::size_t count, void* into)
{
    hsize_t start = first;
    hsize_t n = count;
    const Hid file_space(H5Dget_space(dataset));
    const Hid memory_space(H5Screate_simple(1, &n, nullptr));
    H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr);
    checkHdf5(H5Dread(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, into),
              "cannot read samples");
}

} // namespace

// One M4 query over one channel: walks the pyramid from the coarsest level, merging blocks that lie in
// one column and descending into runs of blocks that straddle a column edge.
class ArchiveOverview::Query {
public:
    Query(const Channel& channel, hid_t row_type, M4Range range, std::vector<M4Column>& out)
        : channel_(channel), row_type_(row_type), range_(range), out_(out)
    {
    }

    void run()
    {
        if (!channel_.ordered) {
            samples(0, channel_.count);
            return;
        }
        // Each level covers what the coarser one does not; the raw samples cover the rest.
        std::uint64_t covered = 0;
        for (std::size_t level = kLodLevels; level-- > 0;) {
            const std::uint64_t ratio = kLodBlockSizes[level];
            rows(level, covered / ratio, channel_.levels[level].rows);
            covered = std::max(covered, channel_.levels[level].rows * ratio);
        }
        samples(covered, channel_.count);
    }

private:
    enum class Action { Skip, Merge, Refine, Stop };

    Action classify(const M4Column& block) const
    {
        if (block.last_time < range_.from)
            return Action::Skip;
        if (block.first_time >= range_.to)
            return Action::Stop;
        if (block.first_time >= range_.from && block.last_time < range_.to &&
            m4ColumnOf(range_, block.first_time) == m4ColumnOf(range_, block.last_time))
            return Action::Merge;
        return Action::Refine;
    }

    // Blocks [begin, end) of `level`.
    void rows(std::size_t level, std::uint64_t begin, std::uint64_t end)
    {
        std::vector<LodRow> buffer;
        const std::uint64_t fan_out = level == 0 ? kLodBlockSizes[0] : kLodFanOut;
        for (std::uint64_t piece = begin; piece < end && !done_; piece += kPiece) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, end - piece));
            readLodRows(channel_.levels[level].dataset.get(), row_type_, piece, n, buffer);
            if (level == 0)
                announceEdges(buffer, piece);
            std::uint64_t run_begin = 0;
            bool in_run = false;
            const auto refine_run = [&](std::uint64_t run_end) {
                if (level == 0)
                    samples(run_begin * fan_out, run_end * fan_out);
                else
                    rows(level - 1, run_begin * fan_out, run_end * fan_out);
                in_run = false;
            };
            for (std::size_t i = 0; i < n && !done_; ++i) {
                const LodBlock block = fromRow(buffer[i]);
                const Action action = classify(block.column);
                if (action == Action::Refine) {
                    if (!in_run)
                        run_begin = piece + i;
                    in_run = true;
                    continue;
                }
                if (in_run)
                    refine_run(piece + i);
                if (action == Action::Stop)
                    done_ = true;
                else if (action == Action::Merge)
                    mergeM4Column(out_[static_cast<std::size_t>(m4ColumnOf(range_, block.column.first_time))],
                                  block.column);
            }
            if (in_run)
                refine_run(piece + n);
        }
    }

    // The raw samples of the level-0 blocks about to be refined (one per column edge) are scattered
    // through the file; asking for all of them at once lets a cold disk fetch them in parallel.
    void announceEdges(const std::vector<LodRow>& rows, std::uint64_t first_row) const
    {
        const std::uint64_t block = kLodBlockSizes[0];
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Action action = classify(fromRow(rows[i]).column);
            if (action == Action::Stop)
                return;
            if (action != Action::Refine)
                continue;
            channel_.direct_time.willNeed((first_row + i) * block, block);
            channel_.direct_value.willNeed((first_row + i) * block, block);
        }
    }

    // Raw samples [begin, end), as m4Naive takes them.
    void samples(std::uint64_t begin, std::uint64_t end)
    {
        for (std::uint64_t piece = begin; piece < end && !done_; piece += kPiece) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, end - piece));
            times_.resize(n);
            values_.resize(n);
            // A column edge's few samples straight from the file; HDF5's per-read cost would be most of the query.
            const bool direct = n <= kDirectRead && channel_.direct_time.read(piece, n, times_.data()) &&
                                channel_.direct_value.read(piece, n, values_.data());
            if (!direct) {
                readSeries(channel_.time.get(), H5T_NATIVE_INT64, piece, n, times_.data());
                readSeries(channel_.value.get(), H5T_NATIVE_DOUBLE, piece, n, values_.data());
            }
            for (std::size_t i = 0; i < n; ++i) {
                const TimeNs time = times_[i];
                if (time >= range_.from && time < range_.to)
                    addToM4Column(out_[static_cast<std::size_t>(m4ColumnOf(range_, time))], time, values_[i]);
                else if (time >= range_.to && channel_.ordered) {
                    done_ = true;
                    break;
                }
            }
        }
    }

    const Channel& channel_;
    hid_t row_type_;
    M4Range range_;
    std::vector<M4Column>& out_;
    std::vector<TimeNs> times_;
    std::vector<double> values_;
    bool done_ = false; // an ordered channel has passed range_.to
};

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
        if (H5Lexists(group.get(), kLodDatasets[0], H5P_DEFAULT) > 0)
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
        readSeries(channel.time.get(), H5T_NATIVE_INT64, piece, n, times.data());
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
    Query(channels_.at(index), row_type_.get(), range, out).run();
}

} // namespace streamscope
