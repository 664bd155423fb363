#include "core/archive/recorder_stage.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace streamscope {

static_assert(std::is_trivially_copyable_v<ChannelSample>, "samples are copied into queue slots with memcpy");

void RecorderStage::channelAdded(ChannelIndex channel, const ChannelInfo& info)
{
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
    commitOpenSlot();
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
        slot->samples.size = 0;
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
    const std::size_t capacity = recorder_.slotSamples();
    while (!samples.empty()) {
        if (open_slot_ == nullptr) {
            open_slot_ = recorder_.queue().beginWrite();
            if (open_slot_ == nullptr) {
                recorder_.countOverflow(samples.size());
                return;
            }
            open_slot_->kind = RecorderMessage::Kind::Samples;
            if (open_slot_->samples.data == nullptr)
                open_slot_->samples.data = recorder_.takeSampleBlock(); // once per slot; slots are reused
            open_slot_->samples.size = 0;
        }
        SampleBlock& block = open_slot_->samples;
        const std::size_t n = std::min(samples.size(), capacity - block.size);
        std::memcpy(block.data + block.size, samples.data(), n * sizeof(ChannelSample));
        block.size += n;
        samples = samples.subspan(n);
        if (block.size >= capacity)
            commitOpenSlot();
    }
}

void RecorderStage::commitOpenSlot()
{
    if (open_slot_ == nullptr)
        return;
    open_slot_ = nullptr;
    recorder_.queue().commitWrite();
}

void RecorderStage::tick(TimeNs /*now_ns*/)
{
    commitOpenSlot();
    drainBacklog();
}

void RecorderStage::finish()
{
    commitOpenSlot();
    drainBacklog();
}

} // namespace streamscope
