#pragma once

#include "core/archive/archive_pyramid.h"
#include "core/archive/archive_reader.h"
#include "core/archive/hdf5_handle.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace streamscope {

// Pyramids for archives without one that could not be given one in the file itself
// (archive::addPyramidToArchive: the file is read-only, or still being recorded), built once and kept
// in a cache file: $XDG_CACHE_HOME/streamscope/lod/<hash of the archive's absolute path>.h5 (~/.cache
// when the variable is unset). The cache records the archive's path, size and modification time and is rebuilt
// when they change. Its layout is the archive's: /channels/<group>/lod_64 ... as in
// docs/archive-format.md.
class LodCache {
public:
    using Progress = LodProgress;

    [[nodiscard]] static std::string pathFor(const std::string& archive_path);

    // Opens the cache of `reader`'s archive read-only, building it first when it is missing, outdated
    // or lacks one of `groups`. Throws ArchiveError.
    [[nodiscard]] static Hid open(const ArchiveReader& reader, const std::vector<std::size_t>& channels,
                                  const Progress& progress, bool& built);
};

} // namespace streamscope
