#pragma once

#include "core/archive/archive_format.h"
#include "core/pipeline/channel_store.h"
#include "core/pipeline/pipeline_stage.h"

#include <vector>

namespace streamscope {

// One slot of the queue from the pipeline thread to the recorder thread. Slots are reused in place,
// so `samples` keeps its capacity and steady-state recording allocates nothing per sample.
struct RecorderMessage {
    enum class Kind { Samples, ChannelAdded, Alert, SourceEvent };
    Kind kind = Kind::Samples;
    std::vector<ChannelSample> samples;
    ChannelIndex channel = 0;
    ChannelInfo info;
    AlertRecord alert;
    SourceEvent source_event;
};

} // namespace streamscope
