#include "core/archive/archive_overview_query.h"

#include <algorithm>

namespace streamscope {

using namespace archive;

namespace {

// An unordered channel's samples are scanned in pieces of this many, so that memory stays bounded.
constexpr std::size_t kPiece = 1 << 16;

} // namespace

ArchiveOverview::Query::Query(const Channel& channel, hid_t row_type, M4Range range, std::vector<M4Column>& out)
    : channel_(channel), row_type_(row_type), range_(range), out_(out), buffers_(buffers())
{
}

ArchiveOverview::Query::Buffers& ArchiveOverview::Query::buffers()
{
    thread_local Buffers buffers;
    return buffers;
}

void ArchiveOverview::Query::run()
{
    edgeTimes();
    buffers_.located.assign(buffers_.edge_times.size(), kNone);
    for (std::size_t level = kLodLevels; level-- > 0;)
        locateInLevel(level);
    locateInSamples();
    for (std::size_t column = 0; column < out_.size(); ++column)
        summariseColumn(buffers_.located[column], buffers_.located[column + 1], out_[column]);
}

void ArchiveOverview::Query::edgeTimes()
{
    const auto width = static_cast<std::size_t>(range_.width);
    buffers_.edge_times.resize(width + 1);
    buffers_.edge_times[0] = range_.from;
    for (int column = 0; column < range_.width; ++column)
        buffers_.edge_times[static_cast<std::size_t>(column) + 1] = m4ColumnEnd(range_, column);
}

void ArchiveOverview::Query::searchRanges(std::uint64_t fan_out, std::uint64_t tail_first, std::uint64_t end,
                                          IndexRuns& runs) const
{
    runs.clear();
    for (const std::uint64_t block : buffers_.located) {
        if (block == kNone)
            runs.add(tail_first, end);
        else
            runs.add(block * fan_out, std::min(block * fan_out + fan_out, end));
    }
}

void ArchiveOverview::Query::locateInLevel(std::size_t level)
{
    const std::uint64_t end = channel_.levels[level].rows;
    const std::uint64_t tail_first = level + 1 < kLodLevels ? channel_.levels[level + 1].rows * kLodFanOut : 0;
    IndexRuns& runs = buffers_.row_runs[level];
    searchRanges(kLodFanOut, tail_first, end, runs);
    std::vector<LodRow>& rows = buffers_.rows[level];
    rows.resize(runs.elements());
    runs.read(channel_.levels[level].dataset.get(), row_type_, rows.data());

    locate(kLodFanOut, tail_first, end, runs, rows.data(), kNone);
}

void ArchiveOverview::Query::locateInSamples()
{
    const std::uint64_t block = kLodBlockSizes[0];
    const std::uint64_t end = channel_.count;
    const std::uint64_t tail_first = channel_.levels[0].rows * block;
    searchRanges(block, tail_first, end, buffers_.sample_runs);
    buffers_.times.resize(buffers_.sample_runs.elements());
    buffers_.values.resize(buffers_.sample_runs.elements());
    const IndexRuns& runs = buffers_.sample_runs;
    runs.read(channel_.direct_time, channel_.time.get(), H5T_NATIVE_INT64, sizeof(TimeNs), buffers_.times.data());
    runs.read(channel_.direct_value, channel_.value.get(), H5T_NATIVE_DOUBLE, sizeof(double), buffers_.values.data());

    // Past the last sample: the edge is after every sample.
    locate(block, tail_first, end, buffers_.sample_runs, buffers_.times.data(), end);
}

namespace {

TimeNs lastTimeOf(const LodRow& row) { return row.last_time; }
TimeNs lastTimeOf(TimeNs time) { return time; }

} // namespace

template <typename Element>
void ArchiveOverview::Query::locate(std::uint64_t fan_out, std::uint64_t tail_first, std::uint64_t end,
                                    const IndexRuns& runs, const Element* elements, std::uint64_t not_found)
{
    // Edges come in time order, so each search starts where the previous one ended.
    std::uint64_t resume = 0;
    for (std::size_t k = 0; k < buffers_.located.size(); ++k) {
        const bool tail = buffers_.located[k] == kNone;
        const std::uint64_t first = tail ? tail_first : buffers_.located[k] * fan_out;
        const std::uint64_t last = tail ? end : std::min(first + fan_out, end);
        std::uint64_t index = std::max(first, resume);
        if (index < last) {
            const Element* at = elements + runs.positionOf(index);
            while (index < last && lastTimeOf(*at) < buffers_.edge_times[k]) {
                ++index;
                ++at;
            }
        }
        buffers_.located[k] = index < last ? index : not_found;
        if (index < last)
            resume = index;
    }
}

const LodRow* ArchiveOverview::Query::rowAt(std::size_t level, std::uint64_t at) const
{
    const std::uint64_t row = at / kLodBlockSizes[level];
    if (row >= channel_.levels[level].rows)
        return nullptr;
    const std::size_t position = buffers_.row_runs[level].positionOf(row);
    return position == IndexRuns::kNotLoaded ? nullptr : &buffers_.rows[level][position];
}

void ArchiveOverview::Query::summariseColumn(std::uint64_t begin, std::uint64_t end, M4Column& column)
{
    std::vector<TimeNs> missing_times;
    std::vector<double> missing_values;
    std::uint64_t at = begin;
    while (at < end) {
        const LodRow* row = nullptr;
        std::size_t level = kLodLevels;
        while (row == nullptr && level-- > 0) {
            const std::uint64_t size = kLodBlockSizes[level];
            if (at % size == 0 && at + size <= end)
                row = rowAt(level, at);
        }
        if (row != nullptr) {
            mergeM4Column(column, fromRow(*row).column);
            at += kLodBlockSizes[level];
            continue;
        }
        // Raw samples up to the next block boundary of the finest level.
        const std::uint64_t stop = std::min(end, (at / kLodBlockSizes[0] + 1) * kLodBlockSizes[0]);
        const auto n = static_cast<std::size_t>(stop - at);
        const TimeNs* times = nullptr;
        const double* values = nullptr;
        const std::size_t position = buffers_.sample_runs.positionOf(at);
        if (position != IndexRuns::kNotLoaded && buffers_.sample_runs.positionOf(stop - 1) == position + n - 1) {
            times = &buffers_.times[position];
            values = &buffers_.values[position];
        } else {
            // Not expected (step 1 reads every sample a column needs); kept so that a gap in that
            // reasoning costs a read, not a wrong column.
            missing_times.resize(n);
            missing_values.resize(n);
            readElements(channel_.time.get(), H5T_NATIVE_INT64, at, n, missing_times.data());
            readElements(channel_.value.get(), H5T_NATIVE_DOUBLE, at, n, missing_values.data());
            times = missing_times.data();
            values = missing_values.data();
        }
        for (std::size_t i = 0; i < n; ++i)
            addToM4Column(column, times[i], values[i]);
        at = stop;
    }
}

void ArchiveOverview::Query::scanAll(const Channel& channel, M4Range range, std::vector<M4Column>& out)
{
    std::vector<TimeNs> times;
    std::vector<double> values;
    for (std::uint64_t piece = 0; piece < channel.count; piece += kPiece) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, channel.count - piece));
        times.resize(n);
        values.resize(n);
        readElements(channel.time.get(), H5T_NATIVE_INT64, piece, n, times.data());
        readElements(channel.value.get(), H5T_NATIVE_DOUBLE, piece, n, values.data());
        for (std::size_t i = 0; i < n; ++i) {
            if (times[i] >= range.from && times[i] < range.to)
                addToM4Column(out[static_cast<std::size_t>(m4ColumnOf(range, times[i]))], times[i], values[i]);
        }
    }
}

} // namespace streamscope
