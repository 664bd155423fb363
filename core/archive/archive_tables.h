#pragma once

#include "core/archive/archive_format.h"
#include "core/archive/hdf5_handle.h"

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

[[nodiscard]] Hid makeAlertType();
[[nodiscard]] Hid makeSourceEventType();
[[nodiscard]] Hid makeCountersType();

AlertRow toRow(const AlertRecord& event);
SourceEventRow toRow(const SourceEvent& event);
AlertRecord fromRow(const AlertRow& row);
SourceEvent fromRow(const SourceEventRow& row);

} // namespace streamscope::archive
