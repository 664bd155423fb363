#include "widgets/live_session.h"

#include "core/archive/engine_source_counters.h"
#include "core/session/session_engine_setup.h"
#include "core/session/session_saver.h"

#include <QJsonDocument>

namespace streamscope::widgets {

LiveSession::LiveSession(const SessionConfig& config) : config_(config), engine_(std::make_unique<Engine>()) {}

std::unique_ptr<LiveSession> LiveSession::start(const SessionConfig& config, std::string& error)
{
    std::unique_ptr<LiveSession> session(new LiveSession(config));
    // The message names the source itself ("udp:0.0.0.0:9000: cannot listen: ..."), which reads better
    // in a dialog than its position in a file the user may never have seen.
    for (const SourceConfig& source : config.sources) {
        if (auto failure = addSessionSource(source, *session->engine_)) {
            error = *failure;
            return nullptr;
        }
    }
    // Scale/offset, units and display names apply before any stage sees a sample.
    session->engine_->setChannelMetadata(config.channels);
    // Statistics and alerts first, so that the recorder sees each alert before the samples after it.
    session->processing_ = &session->engine_->addStage(std::make_unique<ProcessingStage>(processingOptionsOf(config)));
    session->recording_ = &session->engine_->addStage(std::make_unique<RecordingSwitch>());
    session->processing_->addAlertListener(session->recording_);
    session->processing_->addAlertListener(session.get());
    session->engine_->start();
    return session;
}

LiveSession::~LiveSession()
{
    if (recording_ != nullptr)
        recording_->stop();
    engine_->stop(); // the pipeline thread ends before the stages and this listener go
}

void LiveSession::setRules(std::vector<AlertRule> rules)
{
    config_.alerts = rules;
    processing_->replaceRules(std::move(rules));
}

std::optional<std::string> LiveSession::startRecording(const std::string& path)
{
    RecorderOptions options;
    options.path = path;
    options.writer.app_version = STREAMSCOPE_VERSION;
    QJsonObject provenance = sessionToJson(config_);
    provenance.insert(QStringLiteral("recorded_by"), QStringLiteral("streamscope desktop app"));
    options.writer.session_config = QJsonDocument(provenance).toJson(QJsonDocument::Compact).toStdString();
    options.source_counters = [engine = engine_.get()] { return sourceCounterRecordsOf(*engine); };
    return recording_->start(std::move(options));
}

void LiveSession::onAlertEvent(const AlertEvent& event)
{
    // The context object drops the call if this session is gone by the time the GUI thread gets to it.
    QMetaObject::invokeMethod(this, [this, event] { Q_EMIT alertEvent(event); }, Qt::QueuedConnection);
}

} // namespace streamscope::widgets
