#include "widgets/archive_session.h"

#include "core/archive/csv_exporter.h"
#include "core/session/session_engine_setup.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <map>

namespace streamscope::widgets {

namespace {
// The plots draw from the archive, not from the replay's store: it needs no more than a short history.
constexpr std::size_t kReplayHistory = 1024;
} // namespace

std::unique_ptr<ArchiveSession> ArchiveSession::open(const std::string& path, const LodProgress& progress)
{
    std::unique_ptr<ArchiveSession> session(new ArchiveSession);
    session->reader_ = ArchiveReader::open(path);
    session->overview_ = std::make_unique<ArchiveOverview>(*session->reader_, progress);
    const std::string source = QFileInfo(QString::fromStdString(path)).fileName().toStdString();
    for (const ArchiveChannel& channel : session->reader_->channels())
        session->infos_.push_back({source, channel.name, channel.unit, channel.display_name});

    EngineOptions engine_options;
    engine_options.history_length = kReplayHistory;
    session->engine_ = std::make_unique<Engine>(engine_options);
    ReplaySourceOptions replay;
    replay.paused = true;
    session->replay_ = &addReplaySource(*session->engine_, path, replay);
    ProcessingOptions processing = recordedProcessingOptions(session->reader_->sessionConfig());
    session->rules_ = processing.rules;
    session->processing_ = &session->engine_->addStage(std::make_unique<ProcessingStage>(std::move(processing)));
    session->processing_->addAlertListener(session.get());
    if (QCoreApplication* app = QCoreApplication::instance())
        session->moveToThread(app->thread()); // alert events are delivered there
    session->engine_->start();
    return session;
}

ArchiveSession::~ArchiveSession()
{
    if (engine_)
        engine_->stop(); // the pipeline thread ends before the stages and this listener go
}

std::vector<ChannelSnapshot> ArchiveSession::channelSnapshot() const
{
    std::map<std::string, ChannelTotals> replayed;
    for (ChannelSnapshot& channel : engine_->store().snapshot())
        replayed.emplace(channel.info.name, channel.totals);
    std::vector<ChannelSnapshot> snapshot;
    snapshot.reserve(infos_.size());
    for (std::size_t i = 0; i < infos_.size(); ++i) {
        ChannelSnapshot& channel = snapshot.emplace_back();
        channel.index = static_cast<ChannelIndex>(i);
        channel.info = infos_[i];
        if (const auto it = replayed.find(infos_[i].name); it != replayed.end())
            channel.totals = it->second;
    }
    return snapshot;
}

void ArchiveSession::query(ChannelIndex channel, M4Range range, std::vector<M4Column>& out) const
{
    std::lock_guard lock(query_mutex_);
    try {
        overview_->query(channel, range, out);
    } catch (const std::exception& failure) {
        out.assign(static_cast<std::size_t>(std::max(range.width, 0)), M4Column{});
        const QString message = QString::fromUtf8(failure.what());
        auto* self = const_cast<ArchiveSession*>(this); // a signal from a const query: it changes nothing here
        QMetaObject::invokeMethod(self, [self, message] { Q_EMIT self->readFailed(message); }, Qt::QueuedConnection);
    }
}

std::string ArchiveSession::exportCsv(const std::string& path, const std::vector<ChannelIndex>& channels, TimeNs from,
                                      TimeNs to) const
{
    CsvExportOptions options;
    for (const ChannelIndex channel : channels)
        options.channel_globs.push_back(infos_.at(channel).name);
    options.from_ns = from;
    options.to_ns = to;
    std::lock_guard lock(query_mutex_); // the reader serves one caller at a time, like the overview
    try {
        streamscope::exportCsv(*reader_, path, options);
        return {};
    } catch (const std::exception& failure) {
        return failure.what();
    }
}

void ArchiveSession::setRules(std::vector<AlertRule> rules)
{
    rules_ = rules;
    processing_->replaceRules(std::move(rules));
}

void ArchiveSession::onAlertEvent(const AlertEvent& event)
{
    // The context object drops the call if this session is gone by the time the GUI thread gets to it.
    QMetaObject::invokeMethod(this, [this, event] { Q_EMIT alertEvent(event); }, Qt::QueuedConnection);
}

} // namespace streamscope::widgets
