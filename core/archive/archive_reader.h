#pragma once

#include "core/archive/archive_format.h"
#include "core/archive/hdf5_handle.h"
#include "core/archive/statistics_table.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

struct ArchiveChannel {
    std::string name;
    std::string unit;
    std::string display_name; // empty: none (or a file from before display names were recorded)
    std::string source;
    std::uint64_t count = 0;
    std::string group; // its group under /channels ("000000")
};

// Whole-channel figures computed by reading the channel through in blocks. min, max and mean cover
// finite values; NaN and infinities are counted in non_finite.
struct ArchiveChannelSummary {
    std::uint64_t count = 0;
    std::uint64_t non_finite = 0;
    TimeNs first_time_ns = 0;
    TimeNs last_time_ns = 0;
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
};

// Reads an archive written by ArchiveWriter (docs/archive-format.md). A file whose recorder was killed
// is still in SWMR-write state; it is opened read-only in SWMR-read mode, which sees the state of the
// last flush, and `cleanlyClosed()` is false. The one repair: a writer killed in the short non-SWMR
// window in which it adds channels leaves a plain "open for writing" flag that even SWMR readers refuse;
// open() clears it in place (as `h5clear -s --increment=0` would) and says so in repaired(). A file that
// fails to open for any other reason is damaged, and is refused at once.
class ArchiveReader {
public:
    // Throws ArchiveError with a message naming the file and the problem: missing, not HDF5, damaged,
    // not a StreamScope archive, or a newer format version.
    static std::unique_ptr<ArchiveReader> open(const std::string& path);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] int formatVersion() const { return format_version_; }
    [[nodiscard]] bool cleanlyClosed() const { return stop_time_ns_.has_value(); }
    // True when opening had to clear the flags of a writer killed outside SWMR mode (see open()).
    [[nodiscard]] bool repaired() const { return repaired_; }
    // Channel groups that could not be read (a kill while the channel was being added); skipped.
    [[nodiscard]] const std::vector<std::string>& damagedChannels() const { return damaged_channels_; }
    [[nodiscard]] TimeNs startTimeNs() const { return start_time_ns_; }
    [[nodiscard]] std::optional<TimeNs> stopTimeNs() const { return stop_time_ns_; }
    [[nodiscard]] const std::string& appVersion() const { return app_version_; }
    [[nodiscard]] const std::string& host() const { return host_; }
    [[nodiscard]] const std::string& sessionConfig() const { return session_config_; }
    [[nodiscard]] std::uint64_t recorderDroppedSamples() const { return recorder_drops_; }

    [[nodiscard]] const std::vector<ArchiveChannel>& channels() const { return channels_; }
    // The open file, for readers of optional parts of the layout (the level-of-detail pyramid).
    [[nodiscard]] hid_t file() const { return file_.get(); }
    // Reads up to `count` samples of channel `index` from `offset`; returns how many were read.
    std::size_t read(std::size_t index, std::uint64_t offset, std::size_t count, std::vector<TimeNs>& times,
                     std::vector<double>& values) const;
    [[nodiscard]] ArchiveChannelSummary summarize(std::size_t index) const;

    [[nodiscard]] std::vector<AlertRecord> alertEvents() const;
    [[nodiscard]] std::vector<SourceEvent> sourceEvents() const;
    [[nodiscard]] std::vector<SourceCounterRecord> sourceCounters() const;
    // The statistics the session ended with (/statistics); empty for a killed recorder or an older file.
    [[nodiscard]] std::vector<StatisticsRecord> finalStatistics() const { return readStatisticsTable(file_.get()); }

private:
    struct ChannelHandles {
        Hid time;
        Hid value;
    };
    ArchiveReader() = default;
    void load();

    std::string path_;
    Hid file_;
    int format_version_ = 0;
    TimeNs start_time_ns_ = 0;
    std::optional<TimeNs> stop_time_ns_;
    std::string app_version_;
    std::string host_;
    std::string session_config_;
    std::uint64_t recorder_drops_ = 0;
    std::vector<ArchiveChannel> channels_;
    std::vector<ChannelHandles> handles_;
    std::vector<std::string> damaged_channels_;
    bool repaired_ = false;
};

} // namespace streamscope
