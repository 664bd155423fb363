#pragma once

#include "core/archive/recorder.h"
#include "core/pipeline/pipeline_stage.h"

#include <chrono>
#include <deque>
#include <vector>

namespace streamscope {

// The pipeline stage that hands every sample, new channel and event to the Recorder's queue without
// blocking. It gathers each channel's samples into a block of one archive chunk (the one transpose
// from the interleaved stream to columns) and hands a full block over whole; the recorder thread only
// writes it. At each flush interval it hands over the partly filled blocks and asks for a flush, and
// it decides rotation, so that every file's chunks start at a block boundary.
//
// When the queue is full, the block's samples are counted as overflow and dropped (the block is
// reused); channel announcements and events are never dropped: they wait in a small backlog, and
// samples handed over while it is not through are dropped (and counted), so order is kept.
class RecorderStage final : public PipelineStage {
public:
    explicit RecorderStage(Recorder& recorder);

    void channelAdded(ChannelIndex channel, const ChannelInfo& info) override;
    void process(std::span<const ChannelSample> samples) override;
    void tick(TimeNs now_ns) override;
    void finish() override;

    // Pipeline thread: events for the archive's tables (the alerts stage and sources report here).
    void pushAlertRecord(const AlertRecord& event);
    void pushSourceEvent(const SourceEvent& event);

private:
    // The samples of one channel not handed over yet. Block index 0 is chunk position
    // chunk_position - filled of the archive's current chunk of the channel.
    struct Run {
        std::unique_ptr<ColumnBlock> block;
        TimeNs* times = nullptr; // the block's columns, kept here to spare the hot loop two loads
        double* values = nullptr;
        std::size_t filled = 0;
        std::size_t chunk_position = 0;
    };

    void handOver(ChannelIndex channel, Run& run);
    void handOverAll();
    void requestFlush();
    void rotate();
    bool drainBacklog();
    void pushControl(RecorderMessage message);

    Recorder& recorder_;
    ColumnBlockPool& pool_;
    const std::size_t chunk_samples_;
    std::vector<Run> runs_; // indexed by ChannelIndex
    std::deque<RecorderMessage> backlog_;
    std::uint64_t segment_bytes_ = 0; // sample bytes handed over since the current file began
    std::chrono::steady_clock::time_point last_flush_;
    std::chrono::steady_clock::time_point segment_started_;
};

} // namespace streamscope
