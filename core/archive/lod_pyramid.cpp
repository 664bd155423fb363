#include "core/archive/lod_pyramid.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

LodBlock summariseRunScalar(const TimeNs* times, const double* values, std::size_t count, const TimeNs* previous)
{
    LodBlock block;
    bool ordered = count == 0 || previous == nullptr || times[0] >= *previous;
    for (std::size_t i = 0; i < count; ++i) {
        addToM4Column(block.column, times[i], values[i]);
        ordered = ordered && (i == 0 || times[i] >= times[i - 1]);
    }
    block.ordered = ordered;
    return block;
}

#if defined(__x86_64__)

namespace {

// What one vectorised pass over a run finds; positions are left to a second, short search.
struct Extremes {
    double low;       // smallest value; +inf when none is finite, -inf when the run holds -inf
    double high;      // largest value; -inf when none is finite, +inf when the run holds +inf
    bool steps_back;  // some time is smaller than the one before it
};

// The recording path's per-sample budget is a few instructions: four samples per AVX2 instruction,
// NaN skipped by MINPD/MAXPD themselves (given a NaN they return their second operand, the running
// extreme), two accumulators each so that consecutive samples do not wait for each other.
// The smallest (largest) of four lanes.
__attribute__((target("avx2"))) double lowestOf(__m256d lanes)
{
    const __m256d pairs = _mm256_min_pd(lanes, _mm256_permute2f128_pd(lanes, lanes, 1));
    return _mm256_cvtsd_f64(_mm256_min_pd(pairs, _mm256_permute_pd(pairs, 0b0101)));
}

__attribute__((target("avx2"))) double highestOf(__m256d lanes)
{
    const __m256d pairs = _mm256_max_pd(lanes, _mm256_permute2f128_pd(lanes, lanes, 1));
    return _mm256_cvtsd_f64(_mm256_max_pd(pairs, _mm256_permute_pd(pairs, 0b0101)));
}

__attribute__((target("avx2"), always_inline)) inline Extremes scanAvx2(const TimeNs* times, const double* values,
                                                                           std::size_t count)
{
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    __m256d low[2] = {_mm256_set1_pd(kInfinity), _mm256_set1_pd(kInfinity)};
    __m256d high[2] = {_mm256_set1_pd(-kInfinity), _mm256_set1_pd(-kInfinity)};
    std::size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        for (std::size_t half = 0; half < 2; ++half) {
            const __m256d value = _mm256_loadu_pd(values + i + 4 * half);
            low[half] = _mm256_min_pd(value, low[half]);
            high[half] = _mm256_max_pd(value, high[half]);
        }
    }
    Extremes found{lowestOf(_mm256_min_pd(low[0], low[1])), highestOf(_mm256_max_pd(high[0], high[1])), false};
    for (; i < count; ++i) {
        if (values[i] < found.low) // false for NaN
            found.low = values[i];
        if (values[i] > found.high)
            found.high = values[i];
    }
    // Each time against the one before it, four at a time from sample 4; samples 1 to 3 and the tail one by one.
    __m256i back = _mm256_setzero_si256();
    std::size_t t = 4;
    for (; t + 4 <= count; t += 4) {
        const __m256i now = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(times + t));
        const __m256i before = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(times + t - 1));
        back = _mm256_or_si256(back, _mm256_cmpgt_epi64(before, now));
    }
    found.steps_back = _mm256_testz_si256(back, back) == 0;
    for (std::size_t k = 1; k < std::min<std::size_t>(4, count); ++k)
        found.steps_back = found.steps_back || times[k] < times[k - 1];
    for (t = std::max<std::size_t>(t, 4); t < count; ++t)
        found.steps_back = found.steps_back || times[t] < times[t - 1];
    return found;
}

// A whole finest-level block, nearly every call: with the count known the compiler unrolls the loops.
__attribute__((target("avx2"))) Extremes scanBlockAvx2(const TimeNs* times, const double* values)
{
    return scanAvx2(times, values, kLodBlockSizes[0]);
}

__attribute__((target("avx2"))) Extremes scanRunAvx2(const TimeNs* times, const double* values, std::size_t count)
{
    return scanAvx2(times, values, count);
}

// The first i with values[i] == low and the first with values[i] == high, in a whole block: one
// comparison of every sample with both, unrolled, costs less than two searches that stop early.
__attribute__((target("avx2"))) void firstEqualInBlockAvx2(const double* values, double low, double high,
                                                           std::size_t& low_at, std::size_t& high_at)
{
    static_assert(kLodBlockSizes[0] == 64, "one bit per sample of a block in a 64-bit mask");
    const __m256d lows = _mm256_set1_pd(low);
    const __m256d highs = _mm256_set1_pd(high);
    std::uint64_t low_bits = 0;
    std::uint64_t high_bits = 0;
    for (std::size_t i = 0; i < 64; i += 4) {
        const __m256d value = _mm256_loadu_pd(values + i);
        low_bits |= static_cast<std::uint64_t>(_mm256_movemask_pd(_mm256_cmp_pd(value, lows, _CMP_EQ_OQ))) << i;
        high_bits |= static_cast<std::uint64_t>(_mm256_movemask_pd(_mm256_cmp_pd(value, highs, _CMP_EQ_OQ))) << i;
    }
    low_at = static_cast<std::size_t>(__builtin_ctzll(low_bits));
    high_at = static_cast<std::size_t>(__builtin_ctzll(high_bits));
}

// The first i with values[i] == target, which is there.
__attribute__((target("avx2"))) std::size_t firstEqualAvx2(const double* values, std::size_t count, double target)
{
    const __m256d wanted = _mm256_set1_pd(target);
    std::size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const int mask = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_loadu_pd(values + i), wanted, _CMP_EQ_OQ));
        if (mask != 0)
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
    while (!(values[i] == target))
        ++i;
    return i;
}

bool hasAvx2()
{
    static const bool supported = __builtin_cpu_supports("avx2") != 0;
    return supported;
}

} // namespace

LodBlock summariseRun(const TimeNs* times, const double* values, std::size_t count, const TimeNs* previous)
{
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    if (count == 0 || !hasAvx2())
        return summariseRunScalar(times, values, count, previous);
    const Extremes found =
        count == kLodBlockSizes[0] ? scanBlockAvx2(times, values) : scanRunAvx2(times, values, count);
    if (found.low == -kInfinity || found.high == kInfinity) // an infinity won: rare, sample by sample
        return summariseRunScalar(times, values, count, previous);
    LodBlock block;
    M4Column& column = block.column;
    column.count = count;
    column.first_time = times[0];
    column.first = values[0];
    column.last_time = times[count - 1];
    column.last = values[count - 1];
    if (found.low != kInfinity) { // else no finite value: min and max stay NaN
        // The earliest sample equal to each extreme, as adding them one by one keeps.
        std::size_t low_at = 0;
        std::size_t high_at = 0;
        if (count == kLodBlockSizes[0]) {
            firstEqualInBlockAvx2(values, found.low, found.high, low_at, high_at);
        } else {
            low_at = firstEqualAvx2(values, count, found.low);
            high_at = firstEqualAvx2(values, count, found.high);
        }
        column.min = values[low_at];
        column.min_time = times[low_at];
        column.max = values[high_at];
        column.max_time = times[high_at];
    }
    block.ordered = !found.steps_back && (previous == nullptr || times[0] >= *previous);
    return block;
}

#else

LodBlock summariseRun(const TimeNs* times, const double* values, std::size_t count, const TimeNs* previous)
{
    return summariseRunScalar(times, values, count, previous);
}

#endif

void LodPyramidBuilder::append(const TimeNs* times, const double* values, std::size_t count)
{
    while (count > 0) {
        LodBlock& open = open_[0];
        const std::size_t n = std::min<std::size_t>(count, kLodBlockSizes[0] - open.column.count);
        const LodBlock piece = summariseRun(times, values, n, has_previous_ ? &previous_time_ : nullptr);
        if (open.column.count == 0) { // a whole block, nearly always: nothing to merge with
            open = piece;
        } else {
            mergeM4Column(open.column, piece.column);
            open.ordered = open.ordered && piece.ordered;
        }
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
