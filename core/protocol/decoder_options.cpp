#include "core/protocol/decoder_options.h"

namespace streamscope {

std::optional<TextFormat> parseTextFormat(std::string_view name)
{
    if (name == "auto")
        return TextFormat::Auto;
    if (name == "csv")
        return TextFormat::Csv;
    if (name == "kv")
        return TextFormat::KeyValue;
    if (name == "influx")
        return TextFormat::Influx;
    if (name == "graphite")
        return TextFormat::Graphite;
    if (name == "json")
        return TextFormat::Json;
    return std::nullopt;
}

std::string_view textFormatName(TextFormat format)
{
    switch (format) {
    case TextFormat::Auto: return "auto";
    case TextFormat::Csv: return "csv";
    case TextFormat::KeyValue: return "kv";
    case TextFormat::Influx: return "influx";
    case TextFormat::Graphite: return "graphite";
    case TextFormat::Json: return "json";
    }
    return "unknown";
}

std::optional<TimeUnit> parseTimeUnit(std::string_view name)
{
    if (name == "s")
        return TimeUnit::Seconds;
    if (name == "ms")
        return TimeUnit::Milliseconds;
    if (name == "us")
        return TimeUnit::Microseconds;
    if (name == "ns")
        return TimeUnit::Nanoseconds;
    return std::nullopt;
}

} // namespace streamscope
