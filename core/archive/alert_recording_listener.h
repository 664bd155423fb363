#pragma once

#include "core/archive/recorder_stage.h"
#include "core/processing/alert_listener.h"

namespace streamscope {

// An alert transition as a row of the archive's alert table.
[[nodiscard]] inline AlertRecord alertRecordOf(const AlertEvent& event)
{
    return {event.time_ns, event.channel_name, event.rule, std::string(severityName(event.severity)),
            event.state == AlertState::Raised, event.value};
}

// Hands every alert transition of the alerts stage to the recorder, as the archive's AlertRecord. Runs
// on the pipeline thread, where both stages live, so the order of events and samples is kept.
class AlertRecordingListener final : public AlertListener {
public:
    explicit AlertRecordingListener(RecorderStage& recorder) : recorder_(recorder) {}

    void onAlertEvent(const AlertEvent& event) override
    {
        recorder_.pushAlertRecord(alertRecordOf(event));
    }

private:
    RecorderStage& recorder_;
};

} // namespace streamscope
