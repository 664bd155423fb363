#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/text_scan.h"

#include <cstddef>
#include <string>
#include <vector>

namespace streamscope {

// InfluxDB line protocol: `measurement[,tag=value...] field=value[,field=value...] [timestamp]`.
//
// - Channel name: `measurement.field{tag=value,...}`, tags unescaped and sorted by key; without tags
//   `measurement.field`.
// - Floats, integers (`2i`), unsigned (`2u`) and booleans (t/true/F/FALSE/...: 1 or 0) are values; string
//   fields are skipped as NonNumericValue. A malformed value counts BadNumber (empty: MissingField) and
//   the line's other fields are kept.
// - The timestamp is in `precision` units; absent, the receive time; unusable, BadTimestamp and the
//   receive time.
// - A structural error (no field set, a tag or field without '=', an unterminated string, text after
//   the timestamp) counts BadSyntax and drops the whole line: past it, field boundaries and the
//   timestamp are guesses.
// - Lines starting with '#' are comments.
class InfluxLineDecoder final : public LineDecoder {
public:
    explicit InfluxLineDecoder(TimeUnit precision = TimeUnit::Nanoseconds) : precision_(precision) {}

    void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) override;
    [[nodiscard]] std::string_view formatName() const override { return "influx"; }

private:
    struct Tag {
        std::size_t key_begin; // offsets into tag_text_
        std::size_t key_end;
        std::size_t value_end;
    };

    bool parseSeriesKey(std::string_view line, std::size_t& pos, DecodeOutput& out);
    void composeTagSuffix();
    bool parseFields(std::string_view line, std::size_t& pos, TimeNs receive_time_ns, DecodeOutput& out);
    void decodeValue(std::string_view value, TimeNs receive_time_ns, DecodeOutput& out);
    bool parseTimestampField(std::string_view rest, std::size_t first_sample, DecodeOutput& out);
    void syntaxError(std::string_view what, std::string_view line, DecodeOutput& out);

    TimeUnit precision_;
    // Reused across lines so that names are composed without allocating.
    std::string name_;       // "measurement." while parsing fields, then the full channel name
    std::size_t prefix_length_ = 0;
    std::string tag_text_;   // unescaped tag keys and values back to back
    std::vector<Tag> tags_;
    std::string tag_suffix_; // "{k=v,...}" or empty
    ErrorDetail detail_;
};

} // namespace streamscope
