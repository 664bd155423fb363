#include "core/protocol/line_encoder.h"

#include <cassert>
#include <charconv>

namespace streamscope {

namespace {

void appendNumber(std::string& out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendInteger(std::string& out, long long value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

// Seconds with nanosecond digits, as Graphite takes them.
void appendSeconds(std::string& out, TimeNs time_ns)
{
    appendInteger(out, time_ns / 1'000'000'000);
    char fraction[10];
    long long ns = time_ns % 1'000'000'000;
    for (int i = 8; i >= 0; --i, ns /= 10)
        fraction[i] = static_cast<char>('0' + ns % 10);
    out.push_back('.');
    out.append(fraction, 9);
}

} // namespace

LineEncoder::LineEncoder(TextFormat format, std::span<const std::string> channel_names, std::string prefix)
    : format_(format == TextFormat::Auto ? TextFormat::Csv : format), names_(channel_names), prefix_(std::move(prefix))
{
}

void LineEncoder::append(std::string& out, TimeNs time_ns, std::span<const double> values) const
{
    assert(values.size() == names_.size());
    switch (format_) {
    case TextFormat::Auto:
    case TextFormat::Csv:
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            appendNumber(out, values[i]);
        }
        out.push_back('\n');
        return;
    case TextFormat::KeyValue:
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            out.append(names_[i]).push_back(':');
            appendNumber(out, values[i]);
        }
        out.push_back('\n');
        return;
    case TextFormat::Influx:
        out.append(prefix_).push_back(' ');
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            out.append(names_[i]).push_back('=');
            appendNumber(out, values[i]);
        }
        out.push_back(' ');
        appendInteger(out, time_ns);
        out.push_back('\n');
        return;
    case TextFormat::Graphite:
        for (std::size_t i = 0; i < values.size(); ++i) {
            out.append(prefix_).append(".").append(names_[i]).push_back(' ');
            appendNumber(out, values[i]);
            out.push_back(' ');
            appendSeconds(out, time_ns);
            out.push_back('\n');
        }
        return;
    case TextFormat::Json:
        out.push_back('{');
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            out.push_back('"');
            out.append(names_[i]).append("\":");
            appendNumber(out, values[i]);
        }
        out.append("}\n");
        return;
    }
}

} // namespace streamscope
