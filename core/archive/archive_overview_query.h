#pragma once

#include "core/archive/archive_overview.h"
#include "core/archive/index_runs.h"

#include <array>
#include <cstdint>
#include <vector>

namespace streamscope {

// One M4 query over one channel whose times never decrease. Two steps, each reading a level with one
// HDF5 call:
//  1. Locate the column edges: for each edge time, the first sample at or after it. All edges descend
//     the pyramid together, from the coarsest level (read whole, a few rows) to the raw samples; at each
//     level only the children of the blocks that hold an edge are read, so a level costs at most 16 rows
//     an edge, and the samples at most 64.
//  2. Summarise each column's samples [edge k, edge k + 1) from the largest aligned blocks that fit,
//     in order: raw samples up to a block boundary, rows climbing to the coarsest level and descending
//     again. Every row and sample this needs was read in step 1 (the siblings of an edge's blocks).
// Rows count only up to what a level covers (a killed recording's pyramid lags its samples); beyond it,
// an edge is searched in the level's uncovered tail, and finally in the raw samples after the finest
// level.
class ArchiveOverview::Query {
public:
    Query(const Channel& channel, hid_t row_type, M4Range range, std::vector<M4Column>& out);
    void run();

    // Every sample of an unordered channel, as m4Naive takes them.
    static void scanAll(const Channel& channel, M4Range range, std::vector<M4Column>& out);

private:
    static constexpr std::uint64_t kNone = static_cast<std::uint64_t>(-1);
    // Rows this close together are read in one piece (72 bytes a row).
    static constexpr std::uint64_t kRowGap = 256;

    void edgeTimes();
    void locateInLevel(std::size_t level);
    void locateInSamples();
    // Moves each edge from the block found a level up to the first of its children (rows or samples)
    // whose last time reaches the edge; `not_found` for an edge after all of them.
    template <typename Element>
    void locate(std::uint64_t fan_out, std::uint64_t tail_first, std::uint64_t end, const IndexRuns& runs,
                const Element* elements, std::uint64_t not_found);
    void summariseColumn(std::uint64_t begin, std::uint64_t end, M4Column& column);
    // The row covering [at, at + block size of `level`), when it was read and the level covers it.
    [[nodiscard]] const archive::LodRow* rowAt(std::size_t level, std::uint64_t at) const;
    // Where the edges' search at a level (or the samples) runs: the children of the block found a level
    // up, or, for an edge past that level's coverage, this level's uncovered tail [tail_first, end).
    void searchRanges(std::uint64_t fan_out, std::uint64_t tail_first, std::uint64_t end, IndexRuns& runs) const;

    // What a query reads, kept for the next query on the same thread: an overview asks channel after
    // channel, and fresh buffers each time would cost more in page faults than the reads.
    struct Buffers {
        std::vector<TimeNs> edge_times;     // width + 1: the first time of each column, then range.to
        std::vector<std::uint64_t> located; // per edge: the block (then sample) found at the current level
        std::array<IndexRuns, archive::kLodLevels> row_runs{IndexRuns(kRowGap), IndexRuns(kRowGap),
                                                            IndexRuns(kRowGap), IndexRuns(kRowGap)};
        std::array<std::vector<archive::LodRow>, archive::kLodLevels> rows;
        IndexRuns sample_runs;
        std::vector<TimeNs> times;
        std::vector<double> values;
    };
    static Buffers& buffers();

    const Channel& channel_;
    hid_t row_type_;
    M4Range range_;
    std::vector<M4Column>& out_;
    Buffers& buffers_;
};

} // namespace streamscope
