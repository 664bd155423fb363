#include "core/archive/recorder_stage.h"

namespace streamscope {

RecorderStage::RecorderStage(Recorder& recorder)
    : recorder_(recorder), pool_(recorder.blockPool()), chunk_samples_(pool_.blockSamples()),
      last_flush_(std::chrono::steady_clock::now()), segment_started_(last_flush_)
{
}

void RecorderStage::channelAdded(ChannelIndex channel, const ChannelInfo& info)
{
    if (channel >= runs_.size())
        runs_.resize(channel + 1);
    RecorderMessage message;
    message.kind = RecorderMessage::Kind::ChannelAdded;
    message.channel = channel;
    message.info = info;
    pushControl(std::move(message));
}

void RecorderStage::pushAlertRecord(const AlertRecord& event)
{
    RecorderMessage message;
    message.kind = RecorderMessage::Kind::Alert;
    message.alert = event;
    pushControl(std::move(message));
}

void RecorderStage::pushSourceEvent(const SourceEvent& event)
{
    RecorderMessage message;
    message.kind = RecorderMessage::Kind::SourceEvent;
    message.source_event = event;
    pushControl(std::move(message));
}

void RecorderStage::pushControl(RecorderMessage message)
{
    backlog_.push_back(std::move(message));
    drainBacklog();
}

bool RecorderStage::drainBacklog()
{
    while (!backlog_.empty()) {
        RecorderMessage* slot = recorder_.queue().beginWrite();
        if (slot == nullptr)
            return false;
        RecorderMessage& next = backlog_.front();
        slot->kind = next.kind;
        slot->count = 0;
        slot->channel = next.channel;
        slot->info = std::move(next.info);
        slot->alert = std::move(next.alert);
        slot->source_event = std::move(next.source_event);
        recorder_.queue().commitWrite();
        backlog_.pop_front();
    }
    return true;
}

void RecorderStage::process(std::span<const ChannelSample> samples)
{
    if (!drainBacklog()) {
        recorder_.countOverflow(samples.size());
        return;
    }
    for (const ChannelSample& sample : samples) {
        if (sample.channel >= runs_.size())
            runs_.resize(sample.channel + 1);
        Run& run = runs_[sample.channel];
        if (!run.block) {
            run.block = pool_.take();
            run.times = run.block->times.data();
            run.values = run.block->values.data();
        }
        const std::size_t at = run.filled;
        // Every channel's block is a store stream of its own, more than the hardware prefetcher
        // follows: ask for the line a few ahead once per line, so that stores do not wait for it.
        if (at % 8 == 0) {
            __builtin_prefetch(run.times + at + 32, 1);
            __builtin_prefetch(run.values + at + 32, 1);
        }
        run.times[at] = sample.time_ns;
        run.values[at] = sample.value;
        run.filled = at + 1;
        if (++run.chunk_position == chunk_samples_)
            handOver(sample.channel, run);
    }
    const std::uint64_t rotate_bytes = recorder_.options().rotate_bytes;
    if (rotate_bytes > 0 && segment_bytes_ >= rotate_bytes)
        rotate();
}

void RecorderStage::handOver(ChannelIndex channel, Run& run)
{
    if (run.filled == 0)
        return;
    RecorderMessage* slot = backlog_.empty() ? recorder_.queue().beginWrite() : nullptr;
    if (slot == nullptr) {
        // The archive never sees these samples, so the channel's chunk position goes back too.
        recorder_.countOverflow(run.filled);
        run.chunk_position -= run.filled;
        run.filled = 0;
        return;
    }
    slot->kind = RecorderMessage::Kind::Columns;
    slot->channel = channel;
    slot->block = std::move(run.block);
    slot->count = run.filled;
    recorder_.queue().commitWrite();
    segment_bytes_ += run.filled * 16;
    run.filled = 0;
    if (run.chunk_position == chunk_samples_)
        run.chunk_position = 0;
}

void RecorderStage::handOverAll()
{
    for (std::size_t channel = 0; channel < runs_.size(); ++channel)
        handOver(ChannelIndex(channel), runs_[channel]);
}

void RecorderStage::requestFlush()
{
    handOverAll();
    RecorderMessage message;
    message.kind = RecorderMessage::Kind::Flush;
    pushControl(std::move(message));
    last_flush_ = std::chrono::steady_clock::now();
}

void RecorderStage::rotate()
{
    handOverAll();
    RecorderMessage message;
    message.kind = RecorderMessage::Kind::Rotate;
    pushControl(std::move(message));
    // The new file's chunks start with the next sample of every channel.
    for (Run& run : runs_)
        run.chunk_position = 0;
    segment_bytes_ = 0;
    segment_started_ = std::chrono::steady_clock::now();
    last_flush_ = segment_started_; // closing the old file made everything before durable
}

void RecorderStage::tick(TimeNs /*now_ns*/)
{
    drainBacklog();
    const RecorderOptions& options = recorder_.options();
    const auto now = std::chrono::steady_clock::now();
    if (options.rotate_duration.count() > 0 && now - segment_started_ >= options.rotate_duration)
        rotate();
    else if (now - last_flush_ >= options.flush_interval)
        requestFlush();
}

void RecorderStage::finish()
{
    handOverAll();
    drainBacklog();
}

} // namespace streamscope
