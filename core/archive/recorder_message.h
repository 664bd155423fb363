#pragma once

#include "core/archive/archive_format.h"
#include "core/pipeline/channel_store.h"
#include "core/pipeline/pipeline_stage.h"

#include <span>

namespace streamscope {

// The samples of one queue slot, in a block of the Recorder's sample arena that the slot takes the
// first time it carries samples and keeps: steady-state recording allocates nothing.
struct SampleBlock {
    ChannelSample* data = nullptr;
    std::size_t size = 0;

    [[nodiscard]] std::span<const ChannelSample> view() const { return {data, size}; }
};

// One slot of the queue from the pipeline thread to the recorder thread. Slots are reused in place.
struct RecorderMessage {
    enum class Kind { Samples, ChannelAdded, Alert, SourceEvent };
    Kind kind = Kind::Samples;
    SampleBlock samples;
    ChannelIndex channel = 0;
    ChannelInfo info;
    AlertRecord alert;
    SourceEvent source_event;
};

} // namespace streamscope
