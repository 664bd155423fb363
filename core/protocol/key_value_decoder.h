#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/text_scan.h"

namespace streamscope {

// name:value or name=value pairs, e.g. `temp:21.5,hum=40 ;p:1013`, and Teleplot's `>temp:21.5`.
//
// - Pairs are separated by any run of commas, spaces, tabs and semicolons; blanks around the ':' or '='
//   are allowed ("temp = 21.5"). One leading '>' is ignored.
// - Teleplot's `name:timestamp_ms:value` stamps the value with that time (if the timestamp is unusable:
//   BadTimestamp, and the value is kept at receive time). A `|flags` suffix is ignored, except that a
//   value flagged as text (`|t`) is skipped as NonNumericValue.
// - A name without ':'/'=' or with an empty value counts MissingField, a non-number BadNumber, an empty
//   name BadSyntax; the other pairs of the line are kept.
class KeyValueDecoder final : public LineDecoder {
public:
    void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) override;
    [[nodiscard]] std::string_view formatName() const override { return "kv"; }

private:
    void decodePair(std::string_view name, std::string_view value, TimeNs receive_time_ns, DecodeOutput& out);

    ErrorDetail detail_;
};

} // namespace streamscope
