#pragma once

#include <cstdint>

namespace streamscope {

// Nanoseconds since the Unix epoch (UTC). Device timestamps are converted to this on decode.
using TimeNs = std::int64_t;

// Identifies a channel within one source. Decoders intern channel names into small integers so that
// batches carry no strings; the pipeline maps (source, local id) to a global channel.
using LocalChannelId = std::uint32_t;

struct Sample {
    TimeNs time_ns = 0;
    double value = 0.0;
    LocalChannelId channel = 0;
};

} // namespace streamscope
