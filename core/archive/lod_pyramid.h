#pragma once

#include "core/archive/hdf5_handle.h"
#include "core/pipeline/lod_series.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// The level-of-detail pyramid stored beside each channel's samples (docs/archive-format.md): per block
// of samples, its M4 summary, at three block sizes.
namespace streamscope::archive {

// Each level's blocks are 16 of the level below, so that a column edge costs at most 15 rows a level
// plus 63 raw samples, and some level's blocks are a little smaller than the pixel columns of any
// overview from 64 samples to a million a column (bench/overview_throughput.cpp).
inline constexpr std::size_t kLodLevels = 4;
inline constexpr std::array<std::uint64_t, kLodLevels> kLodBlockSizes{64, 1024, 16384, 262144};
inline constexpr std::uint64_t kLodFanOut = 16;
inline constexpr std::array<const char*, kLodLevels> kLodDatasets{"lod_64", "lod_1024", "lod_16384", "lod_262144"};

// One block's summary. `ordered`: the block's times never decrease, counting from the sample before it.
struct LodBlock {
    M4Column column;
    bool ordered = true;
};

// The row as stored (a compound type; field names in docs/archive-format.md).
struct LodRow {
    std::int64_t first_time;
    double first;
    std::int64_t last_time;
    double last;
    std::int64_t min_time;
    double min;
    std::int64_t max_time;
    double max;
    std::uint32_t count;
    std::uint32_t ordered;
};

[[nodiscard]] Hid makeLodRowType();
LodRow toRow(const LodBlock& block);
// Inline: an overview merges a row per whole block in its columns.
inline LodBlock fromRow(const LodRow& row)
{
    return LodBlock{M4Column{row.count, row.first_time, row.first, row.last_time, row.last, row.min_time, row.min,
                             row.max_time, row.max},
                    row.ordered != 0};
}

// Summarises a run of samples in one pass: first, last, the earliest smallest and largest finite values,
// and whether times never decrease (counting from `previous`, the sample before the run, when there is
// one). The same result as adding the samples to an M4Column one by one.
// Vectorised with AVX2 where the processor has it (runtime check), else summariseRunScalar.
LodBlock summariseRun(const TimeNs* times, const double* values, std::size_t count, const TimeNs* previous);
// The same, sample by sample: for other processors, and for runs where an infinity is an extreme.
LodBlock summariseRunScalar(const TimeNs* times, const double* values, std::size_t count, const TimeNs* previous);

// Summarises a channel's samples, given in order in runs of any length, into the blocks of every level as
// they complete. A run is cut at the finest level's block boundaries and each piece summarised in one
// tight pass (summariseRun); a coarser block is merged from finer ones. ArchiveWriter feeds it whole
// chunks as it writes them, so that it costs nothing per sample on the recording path.
class LodPyramidBuilder {
public:
    void append(const TimeNs* times, const double* values, std::size_t count);
    // Completed blocks of `level` not taken yet.
    [[nodiscard]] std::vector<LodBlock>& completed(std::size_t level) { return completed_[level]; }

private:
    void completeBlock(std::size_t level);

    std::array<LodBlock, kLodLevels> open_{};
    std::array<std::vector<LodBlock>, kLodLevels> completed_;
    TimeNs previous_time_ = 0;
    bool has_previous_ = false;
};

} // namespace streamscope::archive

namespace streamscope::archive {

// An empty, extendible table of pyramid rows for `level` in `group`.
[[nodiscard]] Hid createLodDataset(hid_t group, std::size_t level, hid_t row_type);
// Appends `blocks` to `dataset`, which holds `written` rows, and empties `blocks`; throws ArchiveError.
void appendLodRows(hid_t dataset, hid_t row_type, std::vector<LodBlock>& blocks, std::uint64_t& written,
                   const std::string& what);
// Reads `count` rows from `first`; throws ArchiveError.
void readLodRows(hid_t dataset, hid_t row_type, std::uint64_t first, std::size_t count, std::vector<LodRow>& rows);

} // namespace streamscope::archive
