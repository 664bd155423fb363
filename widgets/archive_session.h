#pragma once

#include "core/archive/archive_overview.h"
#include "core/archive/archive_reader.h"
#include "core/engine.h"
#include "core/ingest/replay_source.h"
#include "core/processing/processing_stage.h"
#include "widgets/plot_archive.h"

#include <QObject>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace streamscope::widgets {

// An archive open in the desktop app: its channels and level-of-detail overview for the plots, and a
// replay of it through an engine of its own, waiting at the start for play, with the statistics windows
// and alert rules it was recorded with, as `streamscope replay` runs it. Alert events cross to the GUI
// thread as queued signals, as in LiveSession.
class ArchiveSession : public QObject, public PlotArchive, private AlertListener {
    Q_OBJECT
public:
    // Opens the archive and its overview (building the overview's pyramid, with `progress`, for an
    // archive that has none) and starts the paused replay. May run on a worker thread; the session then
    // belongs to the application's main thread. Throws ArchiveError naming the file and the problem
    // (missing, not an archive, damaged, a newer format version).
    static std::unique_ptr<ArchiveSession> open(const std::string& path, const LodProgress& progress = {});
    ~ArchiveSession() override;

    [[nodiscard]] const ArchiveReader& reader() const { return *reader_; }
    [[nodiscard]] const ArchiveOverview& overview() const { return *overview_; }
    [[nodiscard]] const Engine& engine() const { return *engine_; }
    [[nodiscard]] ReplaySource& replay() { return *replay_; }
    [[nodiscard]] const ReplaySource& replay() const { return *replay_; }
    [[nodiscard]] const ProcessingStage& processing() const { return *processing_; }
    // The alert rules the replay applies: those recorded, until setRules().
    [[nodiscard]] const std::vector<AlertRule>& rules() const { return rules_; }
    // The replay switches to these rules at its next tick, as a live session does.
    void setRules(std::vector<AlertRule> rules);

    // For the channel tree: the archive's channels (name, unit, display name; the archive's file name as
    // their source) with the count and last value replayed so far.
    [[nodiscard]] std::vector<ChannelSnapshot> channelSnapshot() const;

    // PlotArchive: the overview's exact M4 columns; the replay's range and position. Any thread, one query
    // at a time. A part of the file that cannot be read gives empty columns and readFailed().
    [[nodiscard]] std::vector<ChannelInfo> channelInfos() const override { return infos_; }
    void query(ChannelIndex channel, M4Range range, std::vector<M4Column>& out) const override;
    [[nodiscard]] TimeNs startTime() const override { return replay_->rangeStart(); }
    [[nodiscard]] TimeNs endTime() const override { return replay_->rangeEnd(); }
    [[nodiscard]] TimeNs now() const override { return replay_->position(); }
    [[nodiscard]] std::string exportCsv(const std::string& path, const std::vector<ChannelIndex>& channels, TimeNs from,
                                        TimeNs to) const override;

Q_SIGNALS:
    // On the GUI thread, in the order the replay's pipeline raised them.
    void alertEvent(const streamscope::AlertEvent& event);
    // On the GUI thread: a query could not read the file ("cannot read channel 'x' of run.h5: ...").
    void readFailed(const QString& message);

private:
    ArchiveSession() = default;
    void onAlertEvent(const AlertEvent& event) override; // pipeline thread

    std::unique_ptr<ArchiveReader> reader_;
    std::unique_ptr<ArchiveOverview> overview_;
    std::vector<ChannelInfo> infos_;
    std::vector<AlertRule> rules_;
    mutable std::mutex query_mutex_; // the overview and the reader serve one caller at a time
    std::unique_ptr<Engine> engine_;
    ReplaySource* replay_ = nullptr;        // owned by the engine
    ProcessingStage* processing_ = nullptr; // owned by the engine
};

} // namespace streamscope::widgets
