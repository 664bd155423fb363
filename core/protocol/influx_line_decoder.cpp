#include "core/protocol/influx_line_decoder.h"

#include "core/protocol/number_parsing.h"

#include <algorithm>

namespace streamscope {

namespace {

constexpr std::string_view kMeasurementEscapes = ", ";
constexpr std::string_view kKeyEscapes = ",= ";

// Appends text[pos..] to `out` up to the first unescaped byte of `stops`, resolving backslash escapes of
// the bytes in `escapable` (any other backslash is literal, as in InfluxDB). Returns where it stopped.
std::size_t readEscaped(std::string_view text, std::size_t pos, std::string_view stops,
    std::string_view escapable, std::string& out)
{
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '\\' && pos + 1 < text.size() && escapable.find(text[pos + 1]) != std::string_view::npos) {
            out.push_back(text[pos + 1]);
            pos += 2;
            continue;
        }
        if (stops.find(c) != std::string_view::npos)
            break;
        out.push_back(c);
        ++pos;
    }
    return pos;
}

std::optional<double> parseBoolean(std::string_view text)
{
    if (text == "t" || text == "T" || text == "true" || text == "True" || text == "TRUE")
        return 1.0;
    if (text == "f" || text == "F" || text == "false" || text == "False" || text == "FALSE")
        return 0.0;
    return std::nullopt;
}

std::optional<double> parseFieldValue(std::string_view text)
{
    if (const auto boolean = parseBoolean(text))
        return boolean;
    const std::string_view digits = text.substr(0, text.size() - 1);
    if (text.back() == 'i') {
        if (const auto integer = parseInt64(digits))
            return static_cast<double>(*integer);
        return std::nullopt;
    }
    if (text.back() == 'u') {
        if (const auto unsigned_integer = parseUInt64(digits))
            return static_cast<double>(*unsigned_integer);
        return std::nullopt;
    }
    return parseDouble(text);
}

std::size_t skipSpaces(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    return pos;
}

} // namespace

void InfluxLineDecoder::decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    line = trimBlanks(line);
    if (line.empty() || line.front() == '#')
        return;

    std::size_t pos = 0;
    if (!parseSeriesKey(line, pos, out))
        return;

    const std::size_t first_sample = out.batch().samples.size();
    if (!parseFields(line, pos, receive_time_ns, out)
        || !parseTimestampField(line.substr(pos), first_sample, out))
        out.batch().samples.resize(first_sample);
}

bool InfluxLineDecoder::parseSeriesKey(std::string_view line, std::size_t& pos, DecodeOutput& out)
{
    name_.clear();
    pos = readEscaped(line, 0, ", ", kMeasurementEscapes, name_);
    if (name_.empty()) {
        syntaxError("has no measurement", line, out);
        return false;
    }

    tags_.clear();
    tag_text_.clear();
    while (pos < line.size() && line[pos] == ',') {
        Tag tag{};
        tag.key_begin = tag_text_.size();
        pos = readEscaped(line, pos + 1, ",= ", kKeyEscapes, tag_text_);
        tag.key_end = tag_text_.size();
        if (pos == line.size() || line[pos] != '=' || tag.key_end == tag.key_begin) {
            syntaxError("has a tag without key or '='", line, out);
            return false;
        }
        pos = readEscaped(line, pos + 1, ", ", kKeyEscapes, tag_text_);
        tag.value_end = tag_text_.size();
        if (tag.value_end == tag.key_end) {
            syntaxError("has a tag without value", line, out);
            return false;
        }
        tags_.push_back(tag);
    }

    pos = skipSpaces(line, pos);
    if (pos == line.size()) {
        syntaxError("has no field set", line, out);
        return false;
    }
    composeTagSuffix();
    name_.push_back('.');
    prefix_length_ = name_.size();
    return true;
}

void InfluxLineDecoder::composeTagSuffix()
{
    tag_suffix_.clear();
    if (tags_.empty())
        return;
    const auto key = [this](const Tag& tag) {
        return std::string_view(tag_text_).substr(tag.key_begin, tag.key_end - tag.key_begin);
    };
    std::sort(tags_.begin(), tags_.end(), [&](const Tag& a, const Tag& b) { return key(a) < key(b); });
    tag_suffix_.push_back('{');
    for (const Tag& tag : tags_) {
        if (tag_suffix_.size() > 1)
            tag_suffix_.push_back(',');
        tag_suffix_.append(key(tag)).push_back('=');
        tag_suffix_.append(std::string_view(tag_text_).substr(tag.key_end, tag.value_end - tag.key_end));
    }
    tag_suffix_.push_back('}');
}

bool InfluxLineDecoder::parseFields(std::string_view line, std::size_t& pos, TimeNs receive_time_ns,
    DecodeOutput& out)
{
    while (true) {
        name_.resize(prefix_length_);
        pos = readEscaped(line, pos, ",= ", kKeyEscapes, name_);
        if (pos == line.size() || line[pos] != '=' || name_.size() == prefix_length_) {
            syntaxError("has a field without key or '='", line, out);
            return false;
        }
        ++pos;

        if (pos < line.size() && line[pos] == '"') {
            // A string field: \" and \\ are the escapes, so skipping the byte after any backslash finds
            // the closing quote.
            std::size_t i = pos + 1;
            while (i < line.size() && line[i] != '"')
                i += line[i] == '\\' ? 2 : 1;
            if (i >= line.size()) {
                syntaxError("has an unterminated string field", line, out);
                return false;
            }
            pos = i + 1;
            if (pos < line.size() && line[pos] != ',' && line[pos] != ' ') {
                syntaxError("has text right after a string field", line, out);
                return false;
            }
            detail_.start("field ").quoted(std::string_view(name_).substr(prefix_length_));
            out.error(DecodeError::NonNumericValue, detail_.add(" is a string").view());
        } else {
            const std::size_t value_start = pos;
            while (pos < line.size() && line[pos] != ',' && line[pos] != ' ')
                ++pos;
            decodeValue(line.substr(value_start, pos - value_start), receive_time_ns, out);
        }

        // A value ends at ',' (another field follows) or at ' ' or the line's end (the set is complete).
        if (pos == line.size() || line[pos] != ',')
            return true;
        ++pos;
    }
}

void InfluxLineDecoder::decodeValue(std::string_view value, TimeNs receive_time_ns, DecodeOutput& out)
{
    const std::string_view field = std::string_view(name_).substr(prefix_length_);
    if (value.empty()) {
        out.error(
            DecodeError::MissingField, detail_.start("field ").quoted(field).add(" has no value").view());
        return;
    }
    const auto number = parseFieldValue(value);
    if (!number) {
        out.error(DecodeError::BadNumber,
            detail_.start("field ").quoted(field).add(": ").quoted(value).add(" is not a number").view());
        return;
    }
    name_.append(tag_suffix_);
    out.add(name_, receive_time_ns, *number);
}

bool InfluxLineDecoder::parseTimestampField(
    std::string_view rest, std::size_t first_sample, DecodeOutput& out)
{
    rest = trimBlanks(rest);
    if (rest.empty())
        return true;
    if (rest.find_first_of(" \t") != std::string_view::npos) {
        out.error(DecodeError::BadSyntax, detail_.start("text after the fields: ").quoted(rest).view());
        return false;
    }
    const auto time = parseTimestamp(rest, precision_);
    if (!time) {
        out.error(
            DecodeError::BadTimestamp, detail_.start("timestamp ").quoted(rest).add(" is not usable").view());
        return true; // the values stand, at receive time
    }
    auto& samples = out.batch().samples;
    for (std::size_t i = first_sample; i < samples.size(); ++i)
        samples[i].time_ns = *time;
    return true;
}

void InfluxLineDecoder::syntaxError(std::string_view what, std::string_view line, DecodeOutput& out)
{
    out.error(DecodeError::BadSyntax, detail_.start("line ").quoted(line).add(" ").add(what).view());
}

} // namespace streamscope
