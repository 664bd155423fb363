#include "core/archive/recorder_stage.h"

#include <algorithm>

namespace streamscope {

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
        slot->samples.clear();
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
            open_slot_->samples.clear();
            open_slot_->samples.reserve(capacity); // once per slot; slots are reused
        }
        const std::size_t n = std::min(samples.size(), capacity - open_slot_->samples.size());
        open_slot_->samples.insert(open_slot_->samples.end(), samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(n));
        samples = samples.subspan(n);
        if (open_slot_->samples.size() >= capacity)
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
