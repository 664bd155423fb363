#include "core/protocol/graphite_decoder.h"

#include "core/protocol/number_parsing.h"

#include <array>

namespace streamscope {

void GraphiteDecoder::decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    // One slot more than a valid line needs, to tell "three tokens" from "more".
    std::array<std::string_view, 4> tokens;
    std::size_t count = 0;
    std::size_t pos = 0;
    while (count < tokens.size()) {
        while (pos < line.size() && (isBlank(line[pos]) || line[pos] == '\r'))
            ++pos;
        if (pos == line.size())
            break;
        const std::size_t start = pos;
        while (pos < line.size() && !isBlank(line[pos]) && line[pos] != '\r')
            ++pos;
        tokens[count++] = line.substr(start, pos - start);
    }

    if (count < 2 || count > 3) {
        out.error(DecodeError::BadSyntax,
            detail_.start("line ").quoted(line).add(" is not 'path value [timestamp]'").view());
        return;
    }

    const auto value = parseDouble(tokens[1]);
    if (!value) {
        detail_.start("path ").quoted(tokens[0]).add(": ").quoted(tokens[1]);
        out.error(DecodeError::BadNumber, detail_.add(" is not a number").view());
        return;
    }

    TimeNs time = receive_time_ns;
    if (count == 3 && tokens[2] != "-1") {
        if (const auto parsed = parseTimestamp(tokens[2], TimeUnit::Seconds)) {
            time = *parsed;
        } else {
            detail_.start("path ").quoted(tokens[0]).add(": ").quoted(tokens[2]);
            out.error(DecodeError::BadTimestamp, detail_.add(" is not a timestamp").view());
        }
    }
    out.add(tokens[0], time, *value);
}

} // namespace streamscope
