#pragma once

#include "core/archive/hdf5_handle.h"

#include <cstdint>
#include <functional>
#include <string>

namespace streamscope {

// Reports progress of a long step: samples summarised so far out of `total`.
using LodProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

namespace archive {

// A channel's pyramid is complete when its finest level covers all but the last partial block. A killed
// recording's lags by at most a flush; one lagging by more than this many samples is treated as missing
// (a build was cut short), because a query would read the uncovered samples raw.
inline constexpr std::uint64_t kLodMaxLag = 1 << 20;

[[nodiscard]] bool pyramidUsable(std::uint64_t finest_rows, std::uint64_t samples);

// Summarises samples [0, count) of one channel's `time` and `value` datasets into the empty pyramid
// datasets `levels` (one per level, in order), reading a block at a time. `flush` runs after each
// block's rows are written; `done` advances by the samples summarised and `progress` hears of it.
void buildChannelPyramid(hid_t time, hid_t value, std::uint64_t count, const hid_t* levels, hid_t row_type,
                         const std::string& what, const std::function<void()>& flush, std::uint64_t& done,
                         std::uint64_t total, const LodProgress& progress);

// Adds the pyramid to every channel of the archive at `path` that lacks a whole one, in the file
// itself, so that any later open finds it. Returns false, leaving the file untouched, when it cannot
// open the file for plain writing: read-only, or marked open for writing, as by a live recorder, a
// killed one, or another build (recoverArchive clears a killed writer's mark). Call it before opening
// an ArchiveReader on the file (HDF5 opens a file once per process).
//
// Crash safety: the datasets are created (and any left by a build that was cut short removed) in one
// short step outside SWMR mode, as ArchiveWriter adds channels; the rows are then appended in SWMR mode
// with a flush after each block, so a kill leaves a consistent file whose pyramid covers a prefix of
// the samples: readers use it where it covers them (or treat it as missing, pyramidUsable), and the
// next call after recovery rebuilds it.
// Throws ArchiveError naming the file when writing fails part-way.
bool addPyramidToArchive(const std::string& path, const LodProgress& progress);

} // namespace archive
} // namespace streamscope
