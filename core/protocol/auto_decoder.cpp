#include "core/protocol/auto_decoder.h"

#include "core/protocol/line_decoder_factory.h"
#include "core/protocol/number_parsing.h"
#include "core/protocol/text_scan.h"

#include <algorithm>

namespace streamscope {

namespace {

bool hasAny(std::string_view text, std::string_view chars)
{
    return text.find_first_of(chars) != std::string_view::npos;
}

// Up to `capacity` blank-separated tokens; a backslash keeps the next byte in the token (influx escapes
// spaces that way). Returns how many tokens the line has, which may exceed `capacity`.
template<std::size_t N>
std::size_t splitTokens(std::string_view line, std::array<std::string_view, N>& tokens)
{
    std::size_t count = 0;
    std::size_t pos = 0;
    while (true) {
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos == line.size())
            return count;
        const std::size_t start = pos;
        while (pos < line.size() && !isBlank(line[pos]))
            pos += line[pos] == '\\' ? 2 : 1;
        pos = std::min(pos, line.size());
        if (count < N)
            tokens[count] = line.substr(start, pos - start);
        ++count;
    }
}

std::string_view measurementOf(std::string_view series_key)
{
    for (std::size_t i = 0; i < series_key.size(); ++i) {
        if (series_key[i] == '\\')
            ++i;
        else if (series_key[i] == ',')
            return series_key.substr(0, i);
    }
    return series_key;
}

bool looksLikeInflux(const std::array<std::string_view, 4>& tokens, std::size_t count)
{
    if (count < 2)
        return false;
    const std::string_view measurement = measurementOf(tokens[0]);
    return !measurement.empty() && !hasAny(measurement, "=:") && hasAny(tokens[1], "=");
}

bool looksLikeGraphite(const std::array<std::string_view, 4>& tokens, std::size_t count)
{
    if (count != 2 && count != 3)
        return false;
    if (hasAny(tokens[0], "=:,") || parseDouble(tokens[0]))
        return false;
    return parseDouble(tokens[1]) && (count == 2 || parseDouble(tokens[2]));
}

char csvSeparatorFor(std::string_view line, char configured)
{
    if (line.find(configured) != std::string_view::npos)
        return configured;
    if (line.find('\t') != std::string_view::npos)
        return '\t';
    if (line.find(';') != std::string_view::npos)
        return ';';
    return configured;
}

} // namespace

std::optional<TextFormat> guessTextFormat(std::string_view line)
{
    line = trimBlanks(line);
    if (line.empty() || !isPrintableText(line))
        return std::nullopt;
    if (line.front() == '{')
        return TextFormat::Json;
    std::array<std::string_view, 4> tokens;
    const std::size_t count = splitTokens(line, tokens);
    if (looksLikeInflux(tokens, count))
        return TextFormat::Influx;
    if (looksLikeGraphite(tokens, count))
        return TextFormat::Graphite;
    if (hasAny(line, ":="))
        return TextFormat::KeyValue;
    return TextFormat::Csv;
}

AutoDecoder::AutoDecoder(const DecoderOptions& options) : options_(options)
{
    options_.format = TextFormat::Auto;
}

void AutoDecoder::decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    if (detected_) {
        detected_->decodeLine(line, receive_time_ns, out);
        return;
    }

    const auto format = guessTextFormat(line);
    if (!format) {
        out.error(DecodeError::UnknownFormat,
            detail_.start("line ").quoted(line).add(" fits no text format").view());
        return;
    }

    const std::size_t samples_before = out.batch().samples.size();
    LineDecoder& decoder = candidate(*format, line);
    decoder.decodeLine(line, receive_time_ns, out);
    if (out.batch().samples.size() == samples_before)
        return;

    detected_ = std::move(candidates_[static_cast<std::size_t>(*format)]);
    for (auto& other : candidates_)
        other.reset();
    name_.assign("auto:").append(textFormatName(*format));
}

LineDecoder& AutoDecoder::candidate(TextFormat format, std::string_view line)
{
    auto& slot = candidates_[static_cast<std::size_t>(format)];
    DecoderOptions options = options_;
    options.format = format;
    if (format == TextFormat::Csv) {
        // A line that shows a different separator than the CSV candidate's replaces it, header and all:
        // the earlier lines were not this CSV dialect.
        const char separator = csvSeparatorFor(line, options_.csv_separator);
        const bool shows_another
            = separator != csv_separator_ && line.find(separator) != std::string_view::npos;
        if (!slot || shows_another) {
            slot.reset();
            csv_separator_ = separator;
        }
        options.csv_separator = csv_separator_;
    }
    if (!slot)
        slot = makeLineDecoder(options);
    return *slot;
}

} // namespace streamscope
