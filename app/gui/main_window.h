#pragma once

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <vector>

class QAction;
class QDockWidget;

namespace streamscope {
struct AlertRule;
}

namespace streamscope::widgets {
class AlertsPanel;
class ArchiveSession;
class ChannelTreeModel;
class LiveSession;
class PlotArea;
class RecentFiles;
class RecordBar;
class ReplayTimeline;
class SessionController;
class SourceStatusPanel;
class StatisticsPanel;
}

namespace streamscope::gui {

// The desktop app's window. It only hosts: the live plot in the middle, the channel, statistics and
// alerts docks, the record bar and stream status in the status bar, and the menus and toolbar that drive
// the session controller. The pieces live in the widgets library; the work happens in the engine's threads.
// An open archive takes the live session's place: its channels in the tree, its overview in the plots,
// the replay timeline under them and its replay in the statistics and alerts docks.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Whether `path` names an archive by its suffix (.h5 or .hdf5), as the command line and drops take it.
    [[nodiscard]] static bool isArchivePath(const QString& path);

    void startDemo();
    void stopSources();
    // Loads a session file, reporting problems in a message box; returns whether it loaded.
    bool loadSession(const QString& path);
    // Asks for an archive and opens it.
    void openArchive();
    // Opens the archive at `path` (building its overview with a progress dialog if it has none); a file
    // that is not an archive, is damaged or is of a newer format is reported in a message box naming
    // it, and what was open stays. Returns whether it opened.
    bool openArchiveFile(const QString& path);
    void closeArchive();
    [[nodiscard]] widgets::ArchiveSession* archive() const { return archive_.get(); }
    [[nodiscard]] widgets::ReplayTimeline* timeline() const { return timeline_; }

    [[nodiscard]] widgets::PlotArea* plotArea() const { return plot_; }
    [[nodiscard]] widgets::SessionController* session() const { return controller_; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    QDockWidget* addDock(const QString& title, const QString& object_name, QWidget* contents, Qt::DockWidgetArea area);
    QWidget* buildChannelPanel();
    QWidget* buildCentralWidget();
    void sessionStopping();
    void sessionStarted(widgets::LiveSession* session);
    void updateActions();
    void updateTitle();

    void addSource();
    void connectSources();
    void chooseSessionToLoad();
    bool saveSession();
    bool saveSessionAs();
    void showAbout();
    void showError(const QString& title, const std::string& message);
    static QStringList ruleTexts(const std::vector<AlertRule>& rules);

    widgets::SessionController* controller_ = nullptr;
    widgets::PlotArea* plot_ = nullptr;
    widgets::ChannelTreeModel* channels_ = nullptr;
    widgets::StatisticsPanel* statistics_ = nullptr;
    widgets::AlertsPanel* alerts_ = nullptr;
    widgets::RecordBar* record_bar_ = nullptr;
    widgets::SourceStatusPanel* stream_status_ = nullptr;
    widgets::RecentFiles* recent_sessions_ = nullptr;
    widgets::RecentFiles* recent_archives_ = nullptr;
    widgets::ReplayTimeline* timeline_ = nullptr;
    std::unique_ptr<widgets::ArchiveSession> archive_;
    QTimer channel_timer_;
    QList<QDockWidget*> docks_;

    QAction* add_source_ = nullptr;
    QAction* demo_ = nullptr;
    QAction* connect_ = nullptr;
    QAction* disconnect_ = nullptr;
    QAction* record_ = nullptr;
    QAction* open_archive_ = nullptr;
    QAction* play_ = nullptr;
    QAction* pause_ = nullptr;
    QAction* load_session_ = nullptr;
    QAction* save_session_ = nullptr;
    QAction* save_session_as_ = nullptr;
    QAction* dark_theme_ = nullptr;
    QAction* light_theme_ = nullptr;
};

} // namespace streamscope::gui
