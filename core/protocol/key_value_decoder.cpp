#include "core/protocol/key_value_decoder.h"

#include "core/protocol/number_parsing.h"

namespace streamscope {

namespace {

bool isPairSeparator(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == ';' || c == '\r';
}

bool isAssignment(char c)
{
    return c == ':' || c == '=';
}

} // namespace

void KeyValueDecoder::decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    line = trimBlanks(line);
    if (!line.empty() && line.front() == '>')
        line.remove_prefix(1);

    std::size_t pos = 0;
    const auto skipWhile = [&](auto predicate) {
        while (pos < line.size() && predicate(line[pos]))
            ++pos;
    };
    while (true) {
        skipWhile(isPairSeparator);
        if (pos == line.size())
            return;

        const std::size_t name_start = pos;
        skipWhile([](char c) { return !isPairSeparator(c) && !isAssignment(c); });
        const std::string_view name = line.substr(name_start, pos - name_start);

        std::size_t after_name = pos;
        while (after_name < line.size() && isBlank(line[after_name]))
            ++after_name;
        if (after_name == line.size() || !isAssignment(line[after_name])) {
            out.error(DecodeError::MissingField,
                detail_.start("pair ").quoted(name).add(" has no ':' or '='").view());
            continue;
        }

        pos = after_name + 1;
        const std::size_t after_assignment = pos;
        skipWhile(isBlank);
        const std::size_t value_start = pos;
        skipWhile([](char c) { return !isPairSeparator(c); });
        const std::string_view value = line.substr(value_start, pos - value_start);
        // In "a= b=2" the word after the blank is the next pair, not a's value.
        if (value_start != after_assignment && value.find_first_of(":=") != std::string_view::npos) {
            out.error(DecodeError::MissingField,
                detail_.start("pair ").quoted(name).add(" has an empty value").view());
            pos = value_start;
            continue;
        }
        decodePair(name, value, receive_time_ns, out);
    }
}

void KeyValueDecoder::decodePair(std::string_view name, std::string_view value, TimeNs receive_time_ns,
    DecodeOutput& out)
{
    if (name.empty()) {
        out.error(DecodeError::BadSyntax,
            detail_.start("pair with value ").quoted(value).add(" has no name").view());
        return;
    }

    bool flagged_text = false;
    if (const auto bar = value.find('|'); bar != std::string_view::npos) {
        flagged_text = value.substr(bar + 1).find('t') != std::string_view::npos;
        value = value.substr(0, bar);
    }

    TimeNs time = receive_time_ns;
    if (const auto colon = value.find(':'); colon != std::string_view::npos) {
        const std::string_view timestamp = value.substr(0, colon);
        value = value.substr(colon + 1);
        if (const auto parsed = parseTimestamp(timestamp, TimeUnit::Milliseconds)) {
            time = *parsed;
        } else {
            detail_.start("pair ").quoted(name).add(": ").quoted(timestamp);
            out.error(DecodeError::BadTimestamp, detail_.add(" is not a timestamp in ms").view());
        }
    }

    if (value.empty()) {
        out.error(
            DecodeError::MissingField, detail_.start("pair ").quoted(name).add(" has an empty value").view());
    } else if (flagged_text) {
        out.error(DecodeError::NonNumericValue,
            detail_.start("pair ").quoted(name).add(" is flagged as text").view());
    } else if (const auto number = parseDouble(value)) {
        out.add(name, time, *number);
    } else {
        out.error(DecodeError::BadNumber,
            detail_.start("pair ").quoted(name).add(": ").quoted(value).add(" is not a number").view());
    }
}

} // namespace streamscope
