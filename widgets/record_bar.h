#pragma once

#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace streamscope::widgets {

class LiveSession;

// Record and stop, with the live status of the recording: file, duration, size, and what was lost.
// It records with the command line's recorder (through the session's RecordingSwitch), so the archive
// is what `streamscope inspect` reads.
class RecordBar : public QWidget {
    Q_OBJECT
public:
    // Asks for the file to record to, suggesting `suggested`; empty means cancelled.
    using FileChooser = std::function<QString(const QString& suggested)>;

    explicit RecordBar(QWidget* parent = nullptr);

    // Not owned; nullptr when no engine runs. A recording in progress must have been stopped.
    void setSession(LiveSession* session);
    // The default is a save dialog; tests give a preset name.
    void setFileChooser(FileChooser chooser) { choose_file_ = std::move(chooser); }

    [[nodiscard]] bool recording() const;
    void startRecording();
    void stopRecording();
    void toggleRecording();

    [[nodiscard]] QToolButton* recordButton() const { return button_; }
    [[nodiscard]] QLabel* statusLabel() const { return status_; }

    // ~/StreamScope/YYYYmmdd-HHMMSS.h5 (local time), creating the folder.
    [[nodiscard]] static QString defaultRecordingPath();

Q_SIGNALS:
    void recordingChanged(bool recording);
    // A recording could not start or a write error stopped it; the message names the file.
    void recordingFailed(const QString& message);

private:
    void updateStatus();
    void showStopped(const QString& text);

    LiveSession* session_ = nullptr;
    FileChooser choose_file_;
    QToolButton* button_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer timer_;
    qint64 started_ms_ = 0;
    bool error_reported_ = false;
};

} // namespace streamscope::widgets
