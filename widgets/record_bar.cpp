#include "widgets/record_bar.h"

#include "widgets/live_session.h"
#include "widgets/progress_task.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace streamscope::widgets {

namespace {

QString elapsedText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

RecordBar::RecordBar(QWidget* parent) : QWidget(parent), button_(new QToolButton(this)), status_(new QLabel(this))
{
    choose_file_ = [this](const QString& suggested) {
        return QFileDialog::getSaveFileName(this, QStringLiteral("Record to"), suggested,
                                            QStringLiteral("HDF5 archives (*.h5);;All files (*)"));
    };
    button_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button_->setAutoRaise(true);
    connect(button_, &QToolButton::clicked, this, &RecordBar::toggleRecording);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(button_);
    layout->addWidget(status_);
    timer_.setInterval(500);
    connect(&timer_, &QTimer::timeout, this, &RecordBar::updateStatus);
    showStopped(QStringLiteral("Not recording"));
}

void RecordBar::setSession(LiveSession* session)
{
    if (session_ != nullptr && recording())
        stopRecording();
    session_ = session;
    button_->setEnabled(session_ != nullptr);
}

bool RecordBar::recording() const { return session_ != nullptr && session_->recording().recording(); }

QString RecordBar::defaultRecordingPath()
{
    const QString folder = QDir::home().filePath(QStringLiteral("StreamScope"));
    QDir().mkpath(folder);
    return QDir(folder).filePath(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
                                 QStringLiteral(".h5"));
}

void RecordBar::startRecording()
{
    if (session_ == nullptr || recording())
        return;
    const QString path = choose_file_(defaultRecordingPath());
    if (path.isEmpty())
        return;
    if (const auto failure = session_->startRecording(path.toStdString())) {
        const QString message = QString::fromStdString(*failure);
        showStopped(QStringLiteral("Not recording: ") + message);
        Q_EMIT recordingFailed(message);
        return;
    }
    started_ms_ = QDateTime::currentMSecsSinceEpoch();
    error_reported_ = false;
    button_->setText(QStringLiteral("■ Stop"));
    button_->setToolTip(QStringLiteral("Stop recording and close the archive (Ctrl+R)"));
    button_->setStyleSheet(QStringLiteral("QToolButton { color: #d32f2f; font-weight: bold; }"));
    updateStatus();
    timer_.start();
    Q_EMIT recordingChanged(true);
}

void RecordBar::stopRecording()
{
    if (!recording())
        return;
    timer_.stop();
    RecordingSwitch& recording = session_->recording();
    const RecorderStatus status = runWithProgress(this, QStringLiteral("Writing and closing the archive…"),
                                                  [&recording] { return recording.stop(); });
    const QString files = QString::fromStdString(status.files.empty() ? status.current_path : status.files.back());
    showStopped(status.error ? QStringLiteral("Recording stopped by an error: %1").arg(QString::fromStdString(*status.error))
                             : QStringLiteral("Recorded %1 samples to %2")
                                   .arg(QLocale().toString(static_cast<qulonglong>(status.samples_flushed)), files));
    Q_EMIT recordingChanged(false);
}

void RecordBar::toggleRecording()
{
    if (recording())
        stopRecording();
    else
        startRecording();
}

void RecordBar::showStopped(const QString& text)
{
    button_->setText(QStringLiteral("● Record"));
    button_->setToolTip(QStringLiteral("Record every channel to an HDF5 archive (Ctrl+R)"));
    button_->setStyleSheet(QString());
    status_->setText(text);
}

void RecordBar::updateStatus()
{
    const auto status = session_ != nullptr ? session_->recording().status() : std::nullopt;
    if (!status)
        return;
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - started_ms_;
    QString text = QStringLiteral("REC %1  %2  %3")
                       .arg(elapsedText(elapsed), QFileInfo(QString::fromStdString(status->current_path)).fileName(),
                            QLocale().formattedDataSize(static_cast<qint64>(status->file_bytes)));
    if (status->queue_overflow > 0)
        text += QStringLiteral("  lost %1 (disk too slow)").arg(status->queue_overflow);
    status_->setText(text);
    status_->setToolTip(QString::fromStdString(status->current_path));
    if (status->error && !error_reported_) {
        error_reported_ = true;
        status_->setText(text + QStringLiteral("  STOPPED: ") + QString::fromStdString(*status->error));
        Q_EMIT recordingFailed(QString::fromStdString(*status->error + " (" + status->current_path +
                                                      " keeps everything up to the last flush)"));
    }
}

} // namespace streamscope::widgets
