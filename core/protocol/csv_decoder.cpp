#include "core/protocol/csv_decoder.h"

#include "core/protocol/number_parsing.h"

#include <charconv>
#include <cstring>
#include <span>

namespace streamscope {

namespace {

// Index of the quote closing the quoted field that starts at text[0], skipping "" pairs; npos if none.
std::size_t closingQuote(std::string_view text)
{
    std::size_t i = 1;
    while (i < text.size()) {
        if (text[i] != '"') {
            ++i;
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
            i += 2;
        } else {
            return i;
        }
    }
    return std::string_view::npos;
}

void assignUnquoted(std::string& out, std::string_view text)
{
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        out.push_back(text[i]);
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"')
            ++i;
    }
}

} // namespace

CsvDecoder::CsvDecoder(const Options& options)
    : separator_(options.separator)
    , time_index_(options.time_column && *options.time_column >= 1
              ? static_cast<std::size_t>(*options.time_column - 1)
              : kNoTimeColumn)
    , time_unit_(options.time_unit)
{
}

void CsvDecoder::splitFields(std::string_view line)
{
    // Blanks around fields are not content, unless the blank is the separator itself (tab).
    const auto isPadding = [this](char c) { return (isBlank(c) || c == '\r') && c != separator_; };
    const auto onlyPadding = [&](std::string_view text) {
        for (const char c : text) {
            if (!isPadding(c))
                return false;
        }
        return true;
    };

    fields_.clear();
    std::string_view rest = line;
    while (true) {
        while (!rest.empty() && isPadding(rest.front()))
            rest.remove_prefix(1);
        Field field;
        std::size_t separator = std::string_view::npos;
        if (!rest.empty() && rest.front() == '"') {
            if (const auto close = closingQuote(rest); close != std::string_view::npos) {
                field.text = trimBlanks(rest.substr(1, close - 1));
                field.quoted = true;
                separator = rest.find(separator_, close + 1); // anything between is ignored
            }
        }
        if (!field.quoted) {
            separator = rest.find(separator_);
            field.text = trimBlanks(rest.substr(0, separator));
        }
        fields_.push_back(field);
        if (separator == std::string_view::npos)
            break;
        rest.remove_prefix(separator + 1);
        if (onlyPadding(rest))
            break;
    }
}

// The line almost every device sends: only exact plain decimals, no blanks or quotes, every column's
// channel already known and no column missing. It is decoded straight from the text, without the field
// table. Anything else returns false with nothing added, and the line takes the general path, which
// gives the same samples for these lines and handles (and counts) everything else.
bool CsvDecoder::decodePlainLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    std::vector<Sample>& samples = out.batch().samples;
    const std::size_t first_sample = samples.size();
    // Locals, so that the compiler need not reload them after every sample stored.
    const char separator = separator_;
    const std::size_t time_index = time_index_;
    const std::span<const LocalChannelId> ids = column_ids_;
    const char* p = line.data();
    const char* const end = p + line.size();
    std::optional<TimeNs> time;
    std::size_t column = 0;
    for (;; ++column) {
        if (column == time_index) {
            const auto* found = static_cast<const char*>(std::memchr(p, separator, static_cast<std::size_t>(end - p)));
            const char* field_end = found != nullptr ? found : end;
            time = parseTimestamp({p, static_cast<std::size_t>(field_end - p)}, time_unit_);
            p = time ? field_end : nullptr;
        } else if (column < ids.size() && ids[column] != kUnresolved) {
            double value = 0;
            p = parseExactDecimal(p, end, value);
            if (p != nullptr)
                samples.push_back({receive_time_ns, value, ids[column]});
        } else {
            p = nullptr;
        }
        if (p == nullptr || p == end)
            break;
        // A trailing separator, or anything but a separator after the number, is for the general path.
        if (*p != separator || ++p == end) {
            p = nullptr;
            break;
        }
    }
    if (p == nullptr || column + 1 < header_.size() || (time_index != kNoTimeColumn && !time)) {
        samples.resize(first_sample);
        return false;
    }
    if (time) {
        for (std::size_t i = first_sample; i < samples.size(); ++i)
            samples[i].time_ns = *time;
    }
    return true;
}

void CsvDecoder::decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    if (decodePlainLine(line, receive_time_ns, out))
        return;
    splitFields(line);

    std::optional<TimeNs> parsed_time;
    bool any_number = false;
    bool any_text = false;
    for (std::size_t column = 0; column < fields_.size(); ++column) {
        Field& field = fields_[column];
        if (field.text.empty())
            continue;
        any_text = true;
        if (column == time_index_) {
            parsed_time = parseTimestamp(field.text, time_unit_);
            any_number = any_number || parsed_time.has_value();
        } else if (const auto value = parseDouble(field.text)) {
            field.value = *value;
            field.is_number = true;
            any_number = true;
        }
    }

    if (!any_number && any_text) {
        if (isPrintableText(line))
            adoptHeader();
        else
            out.error(DecodeError::BadSyntax,
                detail_.start("line ").quoted(line).add(" is neither numbers nor a printable header").view());
        return;
    }

    const TimeNs time = lineTime(parsed_time, receive_time_ns, out);
    for (std::size_t column = 0; column < fields_.size(); ++column) {
        const Field& field = fields_[column];
        if (column == time_index_)
            continue;
        if (field.is_number) {
            if (const auto id = columnChannel(column, out))
                out.add(*id, time, field.value);
        } else if (field.text.empty()) {
            out.error(
                DecodeError::MissingField, detail_.start("column ").add(column + 1).add(" is empty").view());
        } else {
            detail_.start("column ").add(column + 1).add(": ").quoted(field.text);
            out.error(DecodeError::BadNumber, detail_.add(" is not a number").view());
        }
    }
    if (fields_.size() < header_.size()) {
        detail_.start("line has ").add(fields_.size()).add(" columns, the header names ").add(header_.size());
        out.error(DecodeError::MissingField, detail_.view());
    }
}

void CsvDecoder::adoptHeader()
{
    header_.resize(fields_.size());
    for (std::size_t column = 0; column < fields_.size(); ++column) {
        const Field& field = fields_[column];
        if (field.quoted)
            assignUnquoted(header_[column], field.text);
        else
            header_[column].assign(field.text);
    }
    column_ids_.clear();
}

TimeNs CsvDecoder::lineTime(std::optional<TimeNs> parsed, TimeNs receive_time_ns, DecodeOutput& out)
{
    if (time_index_ == kNoTimeColumn)
        return receive_time_ns;
    if (parsed)
        return *parsed;
    if (time_index_ >= fields_.size()) {
        out.error(DecodeError::MissingField,
            detail_.start("time column ").add(time_index_ + 1).add(" is missing").view());
    } else if (fields_[time_index_].text.empty()) {
        out.error(DecodeError::MissingField,
            detail_.start("time column ").add(time_index_ + 1).add(" is empty").view());
    } else {
        detail_.start("time column ").add(time_index_ + 1).add(": ").quoted(fields_[time_index_].text);
        out.error(DecodeError::BadTimestamp, detail_.add(" is not a timestamp").view());
    }
    return receive_time_ns;
}

std::optional<LocalChannelId> CsvDecoder::columnChannel(std::size_t column, DecodeOutput& out)
{
    if (column < column_ids_.size() && column_ids_[column] != kUnresolved)
        return column_ids_[column];

    std::optional<LocalChannelId> id;
    if (column < header_.size() && !header_[column].empty()) {
        id = out.channel(header_[column]);
    } else {
        char digits[24];
        const auto written = std::to_chars(digits, digits + sizeof digits, column + 1);
        name_.assign("ch").append(digits, written.ptr);
        id = out.channel(name_);
    }
    // A refused name (channel cap) is not cached, so every dropped value is counted.
    if (id) {
        if (column >= column_ids_.size())
            column_ids_.resize(column + 1, kUnresolved);
        column_ids_[column] = *id;
    }
    return id;
}

} // namespace streamscope
