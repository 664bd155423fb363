#pragma once

#include "core/archive/archive_reader.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

struct CsvExportOptions {
    enum class Layout { Wide, Long };
    enum class TimeFormat { Iso, Epoch };
    std::vector<std::string> channel_globs; // shell globs on channel names; empty: all channels
    std::optional<TimeNs> from_ns;          // inclusive
    std::optional<TimeNs> to_ns;            // inclusive
    Layout layout = Layout::Wide;
    TimeFormat time_format = TimeFormat::Iso;
    // Called now and then with the fraction of samples done (0..1).
    std::function<void(double)> progress;
};

struct CsvExportResult {
    std::size_t channels = 0;
    std::uint64_t rows = 0;
    std::uint64_t samples = 0;
};

// Writes the selected channels of an archive to CSV, merged in time order.
// Wide: "time,<name>,<name>,..." with one row per timestamp and empty cells where a channel has no
// sample at that time. Long: "time,channel,value", one row per sample. Times are UTC ISO 8601 with
// nanoseconds ("2026-11-25T08:30:00.123456789Z") or epoch seconds with 9 decimals; values are the
// shortest text that reads back to the identical double. Throws ArchiveError on a write failure or
// when no channel matches.
CsvExportResult exportCsv(const ArchiveReader& reader, const std::string& out_path, const CsvExportOptions& options);

// Exposed for tests and the command line: the two time formats.
std::string formatIsoTime(TimeNs time_ns);
std::string formatEpochTime(TimeNs time_ns);

} // namespace streamscope
