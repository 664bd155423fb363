#pragma once

#include "core/archive/archive_format.h"
#include "core/archive/column_block.h"
#include "core/pipeline/channel_store.h"
#include "core/pipeline/pipeline_stage.h"

#include <memory>

namespace streamscope {

// One slot of the queue from the pipeline thread to the recorder thread. Slots are reused in place.
struct RecorderMessage {
    enum class Kind {
        Columns,      // `count` samples of `channel` in `block`, continuing the channel's last run
        ChannelAdded, // `channel` with `info`
        Alert,
        SourceEvent,
        Flush,  // every sample before this is in the queue: make it durable now
        Rotate, // start a new file: samples before this go to the old one, samples after to the new one
    };
    Kind kind = Kind::Columns;
    ChannelIndex channel = 0;
    std::unique_ptr<ColumnBlock> block; // owned by the slot from commit until the recorder returns it
    std::size_t count = 0;
    ChannelInfo info;
    AlertRecord alert;
    SourceEvent source_event;
};

} // namespace streamscope
