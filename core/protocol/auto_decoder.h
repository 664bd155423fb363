#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/text_scan.h"

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace streamscope {

// Recognises a source's format from its first lines, then decodes every line in that format.
//
// - Until a format is known, each line is classified, first match wins: starts with '{': json; the
//   first token's measurement (before any ',') has no '=' or ':' and the second token has '=': influx;
//   two or three blank-separated tokens, the first neither a number nor containing '=', ':' or ',', the
//   others numbers: graphite; a ':' or '=': kv; anything else: csv, with the configured separator, or
//   with tab or ';' when the line has that and not the configured one.
// - A line with control bytes or broken UTF-8 fits nothing: UnknownFormat, and the next line is tried.
// - The format is locked in by the first line that yields a sample. A line that yields none (a CSV
//   header, an influx comment, a json object of strings) is still decoded by that format's decoder,
//   which is kept, so a header seen first still names the data after it.
// - formatName() is "auto" until then, "auto:<format>" after.
class AutoDecoder final : public LineDecoder {
public:
    explicit AutoDecoder(const DecoderOptions& options);

    void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) override;
    [[nodiscard]] std::string_view formatName() const override { return name_; }

private:
    LineDecoder& candidate(TextFormat format, std::string_view line);

    DecoderOptions options_;
    std::unique_ptr<LineDecoder> detected_;
    std::array<std::unique_ptr<LineDecoder>, 6> candidates_; // by TextFormat, until one is detected
    char csv_separator_ = ',';                                // of the CSV candidate
    std::string name_ = "auto";
    ErrorDetail detail_;
};

// The format AutoDecoder would try for `line`; nullopt when the line fits none.
[[nodiscard]] std::optional<TextFormat> guessTextFormat(std::string_view line);

} // namespace streamscope
