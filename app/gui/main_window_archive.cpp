// MainWindow's archive view: opening an archive (menu, recent files, drag & drop, the command line)
// in place of the live session, and closing it.
#include "app/gui/main_window.h"

#include "widgets/alerts_panel.h"
#include "widgets/archive_session.h"
#include "widgets/channel_tree_model.h"
#include "widgets/plot_area.h"
#include "widgets/progress_task.h"
#include "widgets/recent_files.h"
#include "widgets/record_bar.h"
#include "widgets/replay_timeline.h"
#include "widgets/session_controller.h"
#include "widgets/source_status_panel.h"
#include "widgets/statistics_panel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTimer>

namespace streamscope::gui {

namespace {

const QString kArchiveFilter = QStringLiteral("Archives (*.h5 *.hdf5);;All files (*)");

// The first local archive file among dropped URLs; empty when there is none.
QString droppedArchive(const QMimeData* mime)
{
    for (const QUrl& url : mime->urls()) {
        const QString path = url.toLocalFile();
        if (url.isLocalFile() && MainWindow::isArchivePath(path))
            return path;
    }
    return {};
}

} // namespace

bool MainWindow::isArchivePath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QStringLiteral("h5") || suffix == QStringLiteral("hdf5");
}

void MainWindow::openArchive()
{
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open archive"), {}, kArchiveFilter);
    if (!path.isEmpty())
        openArchiveFile(path);
}

bool MainWindow::openArchiveFile(const QString& path)
{
    if (record_bar_->recording()
        && QMessageBox::question(this, QStringLiteral("Open archive"),
                                 QStringLiteral("Opening %1 stops the live stream and ends the recording in progress. "
                                                "Open it?")
                                     .arg(QFileInfo(path).fileName()))
            != QMessageBox::Yes)
        return false;
    struct Opened {
        std::unique_ptr<widgets::ArchiveSession> session;
        std::string error;
    };
    // An archive without a level-of-detail pyramid has one built now: that reads every sample.
    Opened opened = widgets::runWithProgress(
        this, QStringLiteral("Opening %1…").arg(QFileInfo(path).fileName()), [&path](const widgets::ProgressReport& report) {
            Opened result;
            try {
                result.session = widgets::ArchiveSession::open(path.toStdString(), report);
            } catch (const std::exception& failure) {
                result.error = failure.what();
            }
            return result;
        });
    if (!opened.session) {
        showError(QStringLiteral("Open archive"), opened.error);
        return false;
    }
    controller_->disconnectSources(); // the archive takes the live session's place
    closeArchive();
    archive_ = std::move(opened.session);
    widgets::ArchiveSession* archive = archive_.get();
    plot_->setArchive(archive);
    channels_->setSnapshotSource([archive] { return archive->channelSnapshot(); });
    statistics_->setSource(&archive->processing());
    stream_status_->setEngine(&archive->engine()); // the replay's counters
    alerts_->clearActive();
    alerts_->setRules(ruleTexts(archive->rules()));
    connect(archive, &widgets::ArchiveSession::alertEvent, alerts_, &widgets::AlertsPanel::addEvent);
    connect(archive, &widgets::ArchiveSession::readFailed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10'000); });
    timeline_->setReplay(&archive->replay());
    timeline_->show();
    channel_timer_.start();
    plot_->setViewRange(archive->startTime(), archive->endTime()); // the whole archive, from its overview
    recent_archives_->add(path);
    updateActions();
    updateTitle();
    return true;
}

void MainWindow::closeArchive()
{
    if (!archive_)
        return;
    timeline_->setReplay(nullptr);
    timeline_->hide();
    channel_timer_.stop();
    plot_->setArchive(nullptr);
    channels_->setSnapshotSource({});
    statistics_->setSource(nullptr);
    stream_status_->setEngine(nullptr);
    archive_.reset();
    updateActions();
    updateTitle();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedArchive(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedArchive(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    // Not inside the drop: opening may show a progress dialog or a message box.
    QTimer::singleShot(0, this, [this, path] { openArchiveFile(path); });
}

} // namespace streamscope::gui
