#pragma once

#include "core/pipeline/channel_store.h"
#include "core/pipeline/sample.h"

#include <span>

namespace streamscope {

// A consumer of the sample stream on the pipeline thread, after the channel store: rolling statistics,
// alerts, the recorder's queue. Every stage sees every sample in the same order, which is what makes a
// replayed archive reproduce a live session. Stages must not block: hand slow work to another thread.
class PipelineStage {
public:
    virtual ~PipelineStage() = default;

    // A channel seen for the first time; called before any sample of it.
    virtual void channelAdded(ChannelIndex /*channel*/, const ChannelInfo& /*info*/) {}
    // The samples of one batch, in arrival order.
    virtual void process(std::span<const ChannelSample> samples) = 0;
    // Called about every 10 ms, with or without data, with the pipeline's clock (wall clock live, the
    // replay clock on replay): for time-driven work such as stale-data alerts and periodic flushes.
    virtual void tick(TimeNs /*now_ns*/) {}
    // Once, after the last batch has been processed.
    virtual void finish() {}
};

} // namespace streamscope
