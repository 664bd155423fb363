#pragma once

#include "core/archive/archive_pyramid.h"
#include "core/archive/archive_reader.h"
#include "core/archive/hdf5_handle.h"
#include "core/archive/lod_pyramid.h"
#include "core/archive/raw_chunk_reader.h"
#include "core/pipeline/lod_series.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace streamscope {

// M4 overviews of an archive's channels: per pixel column exactly what m4Naive over the raw samples
// gives, reading data in proportion to the width rather than to the samples in range: the column edges
// are located by descending the pyramid, and each column is summarised from the largest whole blocks
// that fit in it plus the raw samples at its two ends (see ArchiveOverview::Query).
//
// The pyramid comes from the archive (written while recording, or added to an older archive by
// archive::addPyramidToArchive before it is opened) or, when the archive has none, from a cache file
// built on first open (see LodCache). A killed recording's pyramid may lag its samples: the
// query uses rows only for blocks whose samples are all in the file and reads the rest raw. A channel
// whose times ever decrease cannot be cut at column edges by time; it is scanned whole, exactly.
class ArchiveOverview {
public:
    // Throws ArchiveError naming the file when the pyramid cannot be read or built.
    explicit ArchiveOverview(const ArchiveReader& reader, const LodProgress& progress = {});

    // `out` gets range.width columns for channel `index` of the reader.
    void query(std::size_t index, M4Range range, std::vector<M4Column>& out) const;

    // False when the channel's times decrease somewhere: its queries scan every sample.
    [[nodiscard]] bool ordered(std::size_t index) const { return channels_.at(index).ordered; }
    // The cache file that holds pyramids built on open; empty when the archive had them all.
    [[nodiscard]] const std::string& cachePath() const { return cache_path_; }
    // True when this open had to build pyramids (none or an outdated cache was found).
    [[nodiscard]] bool built() const { return built_; }

private:
    struct Level {
        Hid dataset;
        std::uint64_t rows = 0; // rows usable: complete, and covering samples the file holds
    };
    struct Channel {
        Hid time;
        Hid value;
        RawChunkReader direct_time;
        RawChunkReader direct_value;
        std::uint64_t count = 0;
        std::array<Level, archive::kLodLevels> levels;
        bool ordered = true;
    };
    class Query;

    void openPyramid(std::size_t index, hid_t group);
    void checkOrder(Channel& channel) const;

    const ArchiveReader& reader_;
    Hid row_type_;
    Hid cache_file_;
    std::string cache_path_;
    bool built_ = false;
    std::vector<Channel> channels_;
};

} // namespace streamscope
