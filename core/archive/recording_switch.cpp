#include "core/archive/recording_switch.h"

#include "core/archive/alert_recording_listener.h"

namespace streamscope {

RecordingSwitch::~RecordingSwitch()
{
    if (recording())
        stop();
}

std::optional<std::string> RecordingSwitch::start(RecorderOptions options)
{
    if (recording())
        return "already recording to " + recorder_->status().current_path;
    auto recorder = std::make_unique<Recorder>(std::move(options));
    try {
        recorder->open();
    } catch (const ArchiveError& failure) {
        return std::string(failure.what());
    }
    recorder->start();
    stage_ = std::make_unique<RecorderStage>(*recorder);
    recorder_ = std::move(recorder);
    std::lock_guard lock(mutex_);
    incoming_ = stage_.get();
    if (finished_)
        applyRequest(); // nothing more will come, but the archive still gets its channels
    else
        request_pending_.store(true, std::memory_order_release);
    return std::nullopt;
}

RecorderStatus RecordingSwitch::stop()
{
    if (!recording())
        return {};
    {
        std::unique_lock lock(mutex_);
        detach_requested_ = true;
        if (finished_)
            applyRequest();
        else
            request_pending_.store(true, std::memory_order_release);
        handed_over_.wait(lock, [this] { return !detach_requested_; });
    }
    recorder_->stop();
    RecorderStatus status = recorder_->status();
    stage_.reset();
    recorder_.reset();
    return status;
}

std::optional<RecorderStatus> RecordingSwitch::status() const
{
    if (!recording())
        return std::nullopt;
    return recorder_->status();
}

void RecordingSwitch::applyRequest()
{
    if (detach_requested_) {
        if (active_ != nullptr)
            active_->finish();
        active_ = nullptr;
        incoming_ = nullptr; // stopped before its first tick
        detach_requested_ = false;
    }
    if (incoming_ != nullptr) {
        active_ = incoming_;
        incoming_ = nullptr;
        for (const auto& [channel, info] : channels_)
            active_->channelAdded(channel, info);
    }
    request_pending_.store(false, std::memory_order_relaxed);
    handed_over_.notify_all();
}

void RecordingSwitch::channelAdded(ChannelIndex channel, const ChannelInfo& info)
{
    channels_.emplace_back(channel, info);
    if (active_ != nullptr)
        active_->channelAdded(channel, info);
}

void RecordingSwitch::process(std::span<const ChannelSample> samples)
{
    if (active_ != nullptr)
        active_->process(samples);
}

void RecordingSwitch::tick(TimeNs now_ns)
{
    if (request_pending_.load(std::memory_order_acquire)) {
        std::lock_guard lock(mutex_);
        applyRequest();
    }
    if (active_ != nullptr)
        active_->tick(now_ns);
}

void RecordingSwitch::finish()
{
    std::lock_guard lock(mutex_);
    applyRequest();
    if (active_ != nullptr)
        active_->finish();
    finished_ = true;
}

void RecordingSwitch::onAlertEvent(const AlertEvent& event)
{
    if (active_ != nullptr)
        active_->pushAlertRecord(alertRecordOf(event));
}

} // namespace streamscope
