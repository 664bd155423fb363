#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/text_scan.h"

namespace streamscope {

// Graphite plaintext: `path value [timestamp]`, separated by spaces or tabs; the channel is the path.
//
// - The timestamp is in seconds since the epoch, fractions allowed; missing or -1 means receive time.
// - Not two or three tokens: BadSyntax. A bad value: BadNumber. An unusable timestamp: BadTimestamp,
//   and the value is kept at receive time.
class GraphiteDecoder final : public LineDecoder {
public:
    void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) override;
    [[nodiscard]] std::string_view formatName() const override { return "graphite"; }

private:
    ErrorDetail detail_;
};

} // namespace streamscope
