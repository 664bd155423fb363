#pragma once

#include "core/pipeline/sample.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamscope {

using SourceId = std::uint32_t;

// A channel name seen for the first time by a source's decoder. It travels with the batch that first
// uses it, so the pipeline learns names without any shared, locked table.
struct ChannelAnnouncement {
    LocalChannelId id = 0;
    std::string name;
};

// The unit moved through the ingest ring. Slots in the ring are reused, so `samples` keeps its capacity
// and the ingest thread stops allocating once the batches have grown to their working size.
struct SampleBatch {
    SourceId source = 0;
    std::vector<ChannelAnnouncement> announcements;
    std::vector<Sample> samples;

    void clear()
    {
        announcements.clear();
        samples.clear();
    }
};

} // namespace streamscope
