#pragma once

#include "core/archive/hdf5_handle.h"
#include "core/processing/processing_snapshot.h"

#include <string>
#include <vector>

namespace streamscope {

// One row of the archive's /statistics table: a channel's statistics when the recording closed, over
// the whole session (window_ns 0) or one rolling window. A replay of the archive must reproduce them.
struct StatisticsRecord {
    std::string channel;
    std::string source;
    TimeNs window_ns = 0; // 0: the whole session
    StatisticsSummary summary;
    double rate_hz = 0.0; // windows only; 0 for the session row
    double last = 0.0;
    TimeNs last_time_ns = 0;
};

// Equal in every field, NaN equal to NaN (a channel without finite values has NaN statistics).
[[nodiscard]] bool identical(const StatisticsRecord& a, const StatisticsRecord& b);

inline constexpr const char* kStatisticsDataset = "statistics";

// The rows of a processing snapshot: per channel the session row, then one per window.
[[nodiscard]] std::vector<StatisticsRecord> statisticsRecords(const ProcessingSnapshot& snapshot);

// Creates /statistics in `file` (not in SWMR mode) with `records`. Throws ArchiveError.
void writeStatisticsTable(hid_t file, const std::vector<StatisticsRecord>& records);
// The rows of /statistics; empty when the file has none (a killed recorder, or an older file).
[[nodiscard]] std::vector<StatisticsRecord> readStatisticsTable(hid_t file);

} // namespace streamscope
