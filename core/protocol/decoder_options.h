#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

enum class TextFormat { Auto, Csv, KeyValue, Influx, Graphite, Json };

enum class TimeUnit { Seconds, Milliseconds, Microseconds, Nanoseconds };

struct BinaryFraming; // core/protocol/frame_layout.h

// How a source's bytes become samples. Filled from the command line or (later) a session file.
struct DecoderOptions {
    TextFormat format = TextFormat::Auto;

    char csv_separator = ',';              // ',', ';' or '\t'
    std::optional<int> csv_time_column;    // 1-based column holding the timestamp
    TimeUnit csv_time_unit = TimeUnit::Seconds;

    TimeUnit influx_precision = TimeUnit::Nanoseconds;

    std::string json_time_key;             // dotted path of the timestamp key; empty: receive time
    TimeUnit json_time_unit = TimeUnit::Seconds;

    // Set: the source carries binary frames of this layout (`--format binary --frame ...`) and the
    // text fields above do not apply.
    std::shared_ptr<const BinaryFraming> binary;

    // Distinct channel names one source may bring. A stream of ever-new names (a bug, or an attacker)
    // would otherwise grow the channel table, the store and the archive without bound; samples of names
    // past the cap are counted (DecodeError::TooManyChannels) and dropped.
    std::size_t max_channels = kDefaultMaxChannels;
    static constexpr std::size_t kDefaultMaxChannels = 1024;
    static constexpr std::size_t kMaxMaxChannels = 1'000'000;
};

// Parses user-facing names ("csv", "kv", "influx", "graphite", "json", "auto"; "s", "ms", "us", "ns").
[[nodiscard]] std::optional<TextFormat> parseTextFormat(std::string_view name);
[[nodiscard]] std::string_view textFormatName(TextFormat format);
[[nodiscard]] std::optional<TimeUnit> parseTimeUnit(std::string_view name);

} // namespace streamscope
