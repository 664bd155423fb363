#pragma once

#include "core/archive/archive_format.h"
#include "core/archive/hdf5_handle.h"
#include "core/archive/statistics_table.h"

#include <cstdint>

// The in-memory rows of the archive's compound tables and their HDF5 types, shared by writer and reader.
namespace streamscope::archive {

struct AlertRow {
    std::int64_t time_ns;
    char channel[kChannelFieldSize];
    char rule[kRuleFieldSize];
    char severity[kSeverityFieldSize];
    char state[kStateFieldSize]; // "raised" or "cleared"
    double value;
};

struct SourceEventRow {
    char source[kSourceFieldSize];
    char kind[kKindFieldSize];
    std::int64_t start_ns;
    std::int64_t end_ns;
    char message[kMessageFieldSize];
};

struct CountersRow {
    std::uint64_t frames;
    std::uint64_t decode_errors;
    std::uint64_t kernel_drops;
    std::uint64_t ring_drops;
    std::uint64_t over_channel_cap;
    std::uint64_t rejected_senders;
};

struct StatisticsRow {
    char channel[kChannelFieldSize];
    char source[kSourceFieldSize];
    std::int64_t window_ns;
    std::uint64_t count;
    std::uint64_t non_finite;
    double min;
    double max;
    double mean;
    double std;
    double rate_hz;
    double last;
    std::int64_t last_time_ns;
};

[[nodiscard]] Hid makeAlertType();
[[nodiscard]] Hid makeSourceEventType();
[[nodiscard]] Hid makeCountersType();
[[nodiscard]] Hid makeStatisticsType();

AlertRow toRow(const AlertRecord& event);
SourceEventRow toRow(const SourceEvent& event);
AlertRecord fromRow(const AlertRow& row);
SourceEvent fromRow(const SourceEventRow& row);
StatisticsRow toRow(const StatisticsRecord& record);
StatisticsRecord fromRow(const StatisticsRow& row);

} // namespace streamscope::archive
