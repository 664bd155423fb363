#pragma once

#include "core/archive/archive_format.h"
#include "core/engine.h"

#include <vector>

namespace streamscope {

// The engine's per-source counters as the archive records them (RecorderOptions::source_counters).
[[nodiscard]] inline std::vector<SourceCounterRecord> sourceCounterRecordsOf(const Engine& engine)
{
    std::vector<SourceCounterRecord> records;
    for (const SourceStatus& s : engine.sourceStatus())
        records.push_back(
            {s.name, s.frames, s.decode_errors, s.kernel_drops, s.ring_drops, s.over_channel_cap, s.rejected_senders});
    return records;
}

} // namespace streamscope
