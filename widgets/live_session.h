#pragma once

#include "core/archive/recording_switch.h"
#include "core/engine.h"
#include "core/processing/processing_stage.h"
#include "core/session/session_config.h"

#include <QObject>

#include <memory>
#include <optional>
#include <string>

namespace streamscope::widgets {

// A running engine as the desktop app uses it: the session's sources, the statistics and alerts stage
// and a recording switch, so that recordings start and stop while data flows. Alert events cross from
// the pipeline thread to the GUI thread as a queued call: they show the moment they fire.
class LiveSession : public QObject, private AlertListener {
    Q_OBJECT
public:
    // Opens every source of `config` and starts the engine; nullptr with the first failure in `error`
    // ("udp:127.0.0.1:9000: cannot listen: Address already in use").
    [[nodiscard]] static std::unique_ptr<LiveSession> start(const SessionConfig& config, std::string& error);
    ~LiveSession() override;

    [[nodiscard]] const Engine& engine() const { return *engine_; }
    [[nodiscard]] ProcessingStage& processing() { return *processing_; }
    [[nodiscard]] const ProcessingStage& processing() const { return *processing_; }
    [[nodiscard]] RecordingSwitch& recording() { return *recording_; }
    [[nodiscard]] const SessionConfig& config() const { return config_; }

    // Switches the running engine to these rules at its next tick (and records them as provenance).
    void setRules(std::vector<AlertRule> rules);

    // Starts recording to `path` with the recorder the command line uses (the session as provenance).
    [[nodiscard]] std::optional<std::string> startRecording(const std::string& path);

Q_SIGNALS:
    // On the GUI thread, in the order the pipeline raised them.
    void alertEvent(const streamscope::AlertEvent& event);

private:
    explicit LiveSession(const SessionConfig& config);
    void onAlertEvent(const AlertEvent& event) override; // pipeline thread

    SessionConfig config_;
    std::unique_ptr<Engine> engine_;
    ProcessingStage* processing_ = nullptr; // owned by the engine
    RecordingSwitch* recording_ = nullptr;  // owned by the engine
};

} // namespace streamscope::widgets
