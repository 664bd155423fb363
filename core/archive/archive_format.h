#pragma once

#include "core/pipeline/sample.h"

#include <cstdint>
#include <string>

// The names of the archive layout, the contract documented in docs/archive-format.md. Bump
// kArchiveFormatVersion on any change a reader could notice.
namespace streamscope::archive {

inline constexpr int kFormatVersion = 1;

// Root attributes (provenance).
inline constexpr const char* kAttrFormatVersion = "format_version";
inline constexpr const char* kAttrWriter = "writer";
inline constexpr const char* kAttrAppVersion = "app_version";
inline constexpr const char* kAttrHost = "host";
inline constexpr const char* kAttrStartTime = "start_time_ns";
inline constexpr const char* kAttrStopTime = "stop_time_ns";
inline constexpr const char* kAttrSessionConfig = "session_config";
inline constexpr const char* kAttrSegment = "segment";
inline constexpr const char* kAttrRecorderDrops = "recorder_dropped_samples";

// One group per channel under /channels, named by a zero-padded index ("000000") because channel
// names may hold characters HDF5 link names cannot ("/"); the real name is an attribute.
inline constexpr const char* kChannelsGroup = "channels";
inline constexpr const char* kTimeDataset = "time";
inline constexpr const char* kValueDataset = "value";
inline constexpr const char* kAttrName = "name";
inline constexpr const char* kAttrUnit = "unit";
inline constexpr const char* kAttrDisplayName = "display_name"; // absent in files from before it existed
inline constexpr const char* kAttrSource = "source";

// One group per source under /sources (same naming), with a `counters` dataset rewritten at each flush.
inline constexpr const char* kSourcesGroup = "sources";
inline constexpr const char* kCountersDataset = "counters";

inline constexpr const char* kEventsGroup = "events";
inline constexpr const char* kAlertsDataset = "alerts";
inline constexpr const char* kSourceEventsDataset = "source_events";

// Fixed-length string fields of the event tables (UTF-8, NUL-padded; longer text is cut).
inline constexpr std::size_t kChannelFieldSize = 128;
inline constexpr std::size_t kRuleFieldSize = 64;
inline constexpr std::size_t kSeverityFieldSize = 16;
inline constexpr std::size_t kStateFieldSize = 8;
inline constexpr std::size_t kSourceFieldSize = 64;
inline constexpr std::size_t kKindFieldSize = 32;
inline constexpr std::size_t kMessageFieldSize = 160;

} // namespace streamscope::archive

namespace streamscope {

// An alert that was raised or cleared, as the archive stores it (the alerts stage's AlertEvent, with
// its channel and severity as text).
struct AlertRecord {
    TimeNs time_ns = 0;
    std::string channel;
    std::string rule;
    std::string severity; // e.g. "warning", "critical"
    bool raised = true;   // false: cleared
    double value = 0.0;
};

// Something that happened to a source: a gap (a serial device unplugged), an error.
struct SourceEvent {
    std::string source;
    std::string kind; // e.g. "gap", "error"
    TimeNs start_ns = 0;
    TimeNs end_ns = 0;
    std::string message;
};

// A source's counters as recorded in the archive.
struct SourceCounterRecord {
    std::string source;
    std::uint64_t frames = 0;
    std::uint64_t decode_errors = 0;
    std::uint64_t kernel_drops = 0;
    std::uint64_t ring_drops = 0;
    std::uint64_t over_channel_cap = 0; // absent (0) in archives written before it was recorded
    std::uint64_t rejected_senders = 0; // likewise
};

} // namespace streamscope
