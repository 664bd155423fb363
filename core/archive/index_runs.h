#pragma once

#include "core/archive/raw_chunk_reader.h"

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace streamscope {

// Sorted, merged runs of element indices of a 1-D dataset, and where each run's elements sit in one
// buffer that holds them all in index order: what an overview reads of a pyramid level or of the raw
// samples, so that each is read with one HDF5 call however many column edges there are.
class IndexRuns {
public:
    static constexpr std::size_t kNotLoaded = static_cast<std::size_t>(-1);

    // `merge_gap`: runs this close are read as one, gap included (pyramid rows: one HDF5 call costs
    // more than a few kilobytes of rows in between).
    explicit IndexRuns(std::uint64_t merge_gap = 0) : merge_gap_(merge_gap) {}

    void clear();
    // Adds [first, end); `first` is never less than the first of the previous call.
    void add(std::uint64_t first, std::uint64_t end);
    [[nodiscard]] bool empty() const { return runs_.empty(); }
    // Elements in all runs: the buffer's length.
    [[nodiscard]] std::size_t elements() const { return elements_; }
    // Where `index` sits in the buffer, or kNotLoaded. Fast when calls go forward.
    [[nodiscard]] std::size_t positionOf(std::uint64_t index) const;
    // Reads the runs' elements of `dataset` as `memory_type` into `into` (elements() of them), with
    // one HDF5 call. Throws ArchiveError.
    void read(hid_t dataset, hid_t memory_type, void* into) const;
    // The same, each run straight from the file when `direct` can, else through HDF5.
    void read(const RawChunkReader& direct, hid_t dataset, hid_t memory_type, std::size_t element_size,
              void* into) const;

private:
    struct Run {
        std::uint64_t first;
        std::uint64_t end;
        std::size_t position; // of `first` in the buffer
    };
    std::vector<Run> runs_;
    std::uint64_t merge_gap_;
    std::size_t elements_ = 0;
    mutable std::size_t cursor_ = 0; // the run of the last positionOf
};

// The length of a 1-D dataset; 0 when it has none.
[[nodiscard]] hsize_t lengthOf(hid_t dataset);
// Elements [first, first + count) of a 1-D dataset; throws ArchiveError.
void readElements(hid_t dataset, hid_t memory_type, std::uint64_t first, std::size_t count, void* into);

} // namespace streamscope
