#pragma once

#include "core/pipeline/sample.h"
#include "core/protocol/decoder_options.h"

#include <cstddef>
#include <span>
#include <string>

namespace streamscope {

// Writes frames of channel values as text lines in one of the decoders' formats: the inverse of the
// line decoders, for the load generator and for re-emitting archives as live streams.
//
// Channel names are given once; `append` formats one frame (one line, or one line per channel for
// Graphite, which has no multi-value lines) and appends it with its '\n' to `out` without allocating
// once `out` has grown to its working size.
class LineEncoder {
public:
    // `prefix` is the measurement (influx) or path prefix (graphite) for the generated names.
    LineEncoder(TextFormat format, std::span<const std::string> channel_names, std::string prefix = "gen");

    void append(std::string& out, TimeNs time_ns, std::span<const double> values) const;

    [[nodiscard]] TextFormat format() const { return format_; }

private:
    TextFormat format_;
    std::span<const std::string> names_;
    std::string prefix_;
};

} // namespace streamscope
