#pragma once

#include "core/archive/recorder_stage.h"
#include "core/processing/alert_listener.h"

namespace streamscope {

// Hands every alert transition of the alerts stage to the recorder, as the archive's AlertRecord. Runs
// on the pipeline thread, where both stages live, so the order of events and samples is kept.
class AlertRecordingListener final : public AlertListener {
public:
    explicit AlertRecordingListener(RecorderStage& recorder) : recorder_(recorder) {}

    void onAlertEvent(const AlertEvent& event) override
    {
        recorder_.pushAlertRecord({event.time_ns, event.channel_name, event.rule,
                                   std::string(severityName(event.severity)), event.state == AlertState::Raised,
                                   event.value});
    }

private:
    RecorderStage& recorder_;
};

} // namespace streamscope
