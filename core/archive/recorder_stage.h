#pragma once

#include "core/archive/recorder.h"
#include "core/pipeline/pipeline_stage.h"

#include <deque>

namespace streamscope {

// The pipeline stage that hands every sample, new channel and event to the Recorder's queue without
// blocking. Samples are packed into queue slots of Recorder::slotSamples(); a partly filled slot is sent
// at the next tick (every ~10 ms). When the queue is full, samples are counted as overflow and dropped;
// channel announcements and events are never dropped: they wait in a small backlog, and samples that
// follow them are dropped (and counted) until the backlog is through, so order is kept.
class RecorderStage final : public PipelineStage {
public:
    explicit RecorderStage(Recorder& recorder) : recorder_(recorder) {}

    void channelAdded(ChannelIndex channel, const ChannelInfo& info) override;
    void process(std::span<const ChannelSample> samples) override;
    void tick(TimeNs now_ns) override;
    void finish() override;

    // Pipeline thread: events for the archive's tables (the alerts stage and sources report here).
    void pushAlertRecord(const AlertRecord& event);
    void pushSourceEvent(const SourceEvent& event);

private:
    void commitOpenSlot();
    bool drainBacklog();
    void pushControl(RecorderMessage message);

    Recorder& recorder_;
    RecorderMessage* open_slot_ = nullptr;
    std::deque<RecorderMessage> backlog_;
};

} // namespace streamscope
