#pragma once

#include "core/archive/recorder.h"
#include "core/archive/recorder_stage.h"
#include "core/pipeline/pipeline_stage.h"
#include "core/processing/alert_listener.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace streamscope {

// Starts and stops recordings while the pipeline runs, which is what a Record button needs (stages are
// otherwise fixed before the engine starts). It is always in the pipeline, and forwards samples, new
// channels and alert events to the recorder of the current recording, if any. The hand-over happens on
// the pipeline thread at its next tick (~10 ms): a new recorder is first told every channel seen so
// far, and a stopping one gets everything up to that tick, so each recording is a whole archive.
class RecordingSwitch final : public PipelineStage, public AlertListener {
public:
    RecordingSwitch() = default;
    ~RecordingSwitch() override;
    RecordingSwitch(const RecordingSwitch&) = delete;
    RecordingSwitch& operator=(const RecordingSwitch&) = delete;

    // Controlling thread (the GUI). Creates the file now, so that a bad path is reported at once, and
    // starts recording at the next tick. Returns the error message, or nullopt.
    [[nodiscard]] std::optional<std::string> start(RecorderOptions options);
    // Controlling thread. Waits for the pipeline to hand over (a tick, or at once when it has finished),
    // then lets the recorder write what is queued and close the file. Returns the final status.
    RecorderStatus stop();
    [[nodiscard]] bool recording() const { return recorder_ != nullptr; }
    // Controlling thread: the current recording's status (nullopt when not recording).
    [[nodiscard]] std::optional<RecorderStatus> status() const;

    // Pipeline thread.
    void channelAdded(ChannelIndex channel, const ChannelInfo& info) override;
    void process(std::span<const ChannelSample> samples) override;
    void tick(TimeNs now_ns) override;
    void finish() override;
    void onAlertEvent(const AlertEvent& event) override;

private:
    void applyRequest(); // pipeline thread, or the controlling thread once the pipeline has finished

    // Controlling thread.
    std::unique_ptr<Recorder> recorder_;
    std::unique_ptr<RecorderStage> stage_;

    // Pipeline thread (and the controlling thread after finish()).
    RecorderStage* active_ = nullptr;
    std::vector<std::pair<ChannelIndex, ChannelInfo>> channels_;

    std::atomic<bool> request_pending_{false};
    std::mutex mutex_; // guards the request below and finished_
    std::condition_variable handed_over_;
    RecorderStage* incoming_ = nullptr;
    bool detach_requested_ = false;
    bool finished_ = false;
};

} // namespace streamscope
