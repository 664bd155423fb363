#include "core/archive/lod_pyramid.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

namespace streamscope::archive {

Hid makeLodRowType()
{
    Hid type(H5Tcreate(H5T_COMPOUND, sizeof(LodRow)));
    const auto field = [&type](const char* name, std::size_t offset, hid_t member) {
        H5Tinsert(type.get(), name, offset, member);
    };
    field("first_time", offsetof(LodRow, first_time), H5T_NATIVE_INT64);
    field("first", offsetof(LodRow, first), H5T_NATIVE_DOUBLE);
    field("last_time", offsetof(LodRow, last_time), H5T_NATIVE_INT64);
    field("last", offsetof(LodRow, last), H5T_NATIVE_DOUBLE);
    field("min_time", offsetof(LodRow, min_time), H5T_NATIVE_INT64);
    field("min", offsetof(LodRow, min), H5T_NATIVE_DOUBLE);
    field("max_time", offsetof(LodRow, max_time), H5T_NATIVE_INT64);
    field("max", offsetof(LodRow, max), H5T_NATIVE_DOUBLE);
    field("count", offsetof(LodRow, count), H5T_NATIVE_UINT32);
    field("ordered", offsetof(LodRow, ordered), H5T_NATIVE_UINT32);
    return type;
}

LodRow toRow(const LodBlock& block)
{
    const M4Column& c = block.column;
    return LodRow{c.first_time, c.first, c.last_time, c.last, c.min_time, c.min, c.max_time, c.max,
                  static_cast<std::uint32_t>(c.count), block.ordered ? 1U : 0U};
}

namespace {

// Extremes are tracked in four independent lanes of two 2-double vectors (GCC/Clang vector extensions,
// SSE2 on any x86-64): a branch per sample would cost the recording path more than all its other work,
// and compilers do not vectorise a floating-point minimum with its position on their own.
using Doubles = double __attribute__((vector_size(16)));
using Positions = std::int64_t __attribute__((vector_size(16)));
constexpr std::size_t kLanes = 4;

struct Lanes {
    Doubles value[2];
    Positions at[2];
};

struct Extreme {
    double value;
    std::int64_t at;
};

// The earliest of the lanes' equal extremes; `better` is the strict comparison that replaces one.
template <typename Better>
Extreme bestOf(const Lanes& lanes, Better better)
{
    Extreme best{lanes.value[0][0], lanes.at[0][0]};
    for (std::size_t k = 1; k < kLanes; ++k) {
        const double value = lanes.value[k / 2][k % 2];
        const std::int64_t at = lanes.at[k / 2][k % 2];
        if (better(value, best.value) || (value == best.value && at < best.at))
            best = {value, at};
    }
    return best;
}

} // namespace

LodBlock summariseRun(const TimeNs* times, const double* values, std::size_t count, const TimeNs* previous)
{
    LodBlock block;
    if (count == 0)
        return block;
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    constexpr double kLargest = std::numeric_limits<double>::max();
    // A lane without finite values keeps its infinity.
    Lanes low{{{kInfinity, kInfinity}, {kInfinity, kInfinity}}, {{0, 0}, {0, 0}}};
    Lanes high{{{-kInfinity, -kInfinity}, {-kInfinity, -kInfinity}}, {{0, 0}, {0, 0}}};
    const Doubles largest{kLargest, kLargest};
    const Doubles infinity{kInfinity, kInfinity};
    const Positions kNoSign{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()};
    const std::size_t whole = count - count % kLanes;
    for (std::size_t i = 0; i < whole; i += kLanes) {
        for (std::size_t half = 0; half < 2; ++half) {
            Doubles value;
            std::memcpy(&value, values + i + 2 * half, sizeof value);
            const auto at = static_cast<std::int64_t>(i + 2 * half);
            const Positions position{at, at + 1};
            // Not finite: NaN fails every comparison, and infinities are replaced by ones that never win.
            const Doubles magnitude = std::bit_cast<Doubles>(std::bit_cast<Positions>(value) & kNoSign);
            const Positions finite = magnitude <= largest;
            const Doubles as_low = finite ? value : infinity;
            const Doubles as_high = finite ? value : -infinity;
            const Positions lower = as_low < low.value[half];
            const Positions higher = as_high > high.value[half];
            low.value[half] = lower ? as_low : low.value[half];
            low.at[half] = lower ? position : low.at[half];
            high.value[half] = higher ? as_high : high.value[half];
            high.at[half] = higher ? position : high.at[half];
        }
    }
    Extreme smallest = bestOf(low, [](double a, double b) { return a < b; });
    Extreme largest_seen = bestOf(high, [](double a, double b) { return a > b; });
    for (std::size_t i = whole; i < count; ++i) {
        const double value = values[i];
        if (std::fabs(value) > kLargest || std::isnan(value))
            continue;
        if (value < smallest.value)
            smallest = {value, static_cast<std::int64_t>(i)};
        if (value > largest_seen.value)
            largest_seen = {value, static_cast<std::int64_t>(i)};
    }
    bool steps_back = previous != nullptr && times[0] < *previous;
    for (std::size_t i = 1; i < count; ++i)
        steps_back |= times[i] < times[i - 1];

    M4Column& column = block.column;
    column.count = count;
    column.first_time = times[0];
    column.first = values[0];
    column.last_time = times[count - 1];
    column.last = values[count - 1];
    if (smallest.value != kInfinity) { // else no finite value: min and max stay NaN
        const auto low_at = static_cast<std::size_t>(smallest.at);
        const auto high_at = static_cast<std::size_t>(largest_seen.at);
        column.min = values[low_at];
        column.min_time = times[low_at];
        column.max = values[high_at];
        column.max_time = times[high_at];
    }
    block.ordered = !steps_back;
    return block;
}

void LodPyramidBuilder::append(const TimeNs* times, const double* values, std::size_t count)
{
    while (count > 0) {
        LodBlock& open = open_[0];
        const std::size_t n = std::min<std::size_t>(count, kLodBlockSizes[0] - open.column.count);
        const LodBlock piece = summariseRun(times, values, n, has_previous_ ? &previous_time_ : nullptr);
        mergeM4Column(open.column, piece.column);
        open.ordered = open.ordered && piece.ordered;
        previous_time_ = times[n - 1];
        has_previous_ = true;
        if (open.column.count == kLodBlockSizes[0])
            completeBlock(0);
        times += n;
        values += n;
        count -= n;
    }
}

void LodPyramidBuilder::completeBlock(std::size_t level)
{
    LodBlock& block = open_[level];
    completed_[level].push_back(block);
    if (level + 1 < kLodLevels) {
        LodBlock& parent = open_[level + 1];
        mergeM4Column(parent.column, block.column);
        parent.ordered = parent.ordered && block.ordered;
        if (parent.column.count == kLodBlockSizes[level + 1])
            completeBlock(level + 1);
    }
    block = LodBlock{};
}

} // namespace streamscope::archive

namespace streamscope::archive {

Hid createLodDataset(hid_t group, std::size_t level, hid_t row_type)
{
    hsize_t dims = 0;
    hsize_t max_dims = H5S_UNLIMITED;
    const Hid space(H5Screate_simple(1, &dims, &max_dims));
    const Hid dcpl(H5Pcreate(H5P_DATASET_CREATE));
    hsize_t chunk = 1024; // 72 KiB
    H5Pset_chunk(dcpl.get(), 1, &chunk);
    return Hid(checkHdf5Id(
        H5Dcreate2(group, kLodDatasets[level], row_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        std::string("cannot create ") + kLodDatasets[level]));
}

void appendLodRows(hid_t dataset, hid_t row_type, std::vector<LodBlock>& blocks, std::uint64_t& written,
                   const std::string& what)
{
    if (blocks.empty())
        return;
    std::vector<LodRow> rows;
    rows.reserve(blocks.size());
    for (const LodBlock& block : blocks)
        rows.push_back(toRow(block));
    hsize_t start = written;
    hsize_t count = rows.size();
    const hsize_t size = start + count;
    checkHdf5(H5Dset_extent(dataset, &size), "cannot extend " + what);
    const Hid file_space(H5Dget_space(dataset));
    checkHdf5(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
              "cannot select in " + what);
    const Hid memory_space(H5Screate_simple(1, &count, nullptr));
    checkHdf5(H5Dwrite(dataset, row_type, memory_space.get(), file_space.get(), H5P_DEFAULT, rows.data()),
              "cannot write " + what);
    written = size;
    blocks.clear();
}

void readLodRows(hid_t dataset, hid_t row_type, std::uint64_t first, std::size_t count, std::vector<LodRow>& rows)
{
    rows.resize(count);
    if (count == 0)
        return;
    hsize_t start = first;
    hsize_t n = count;
    const Hid file_space(H5Dget_space(dataset));
    const Hid memory_space(H5Screate_simple(1, &n, nullptr));
    H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr);
    checkHdf5(H5Dread(dataset, row_type, memory_space.get(), file_space.get(), H5P_DEFAULT, rows.data()),
              "cannot read the level-of-detail pyramid");
}

} // namespace streamscope::archive
