#include "app/gui/main_window.h"

#include "widgets/alerts_panel.h"
#include "widgets/archive_session.h"
#include "widgets/channel_tree_model.h"
#include "widgets/plot_area.h"
#include "widgets/live_session.h"
#include "widgets/recent_files.h"
#include "widgets/record_bar.h"
#include "widgets/replay_timeline.h"
#include "widgets/session_controller.h"
#include "widgets/source_dialog.h"
#include "widgets/source_status_panel.h"
#include "widgets/statistics_panel.h"
#include "widgets/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace streamscope::gui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kSessionFilter = QStringLiteral("Session files (*.json);;All files (*)");

void chooseTheme(widgets::Theme theme)
{
    widgets::applyTheme(theme);
    widgets::saveTheme(theme);
}


} // namespace

QStringList MainWindow::ruleTexts(const std::vector<AlertRule>& rules)
{
    QStringList texts;
    for (const AlertRule& rule : rules)
        texts.append(QString::fromStdString(rule.text));
    return texts;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new widgets::SessionController(this)), plot_(new widgets::PlotArea(this)),
      statistics_(new widgets::StatisticsPanel(this)), alerts_(new widgets::AlertsPanel(this)),
      record_bar_(new widgets::RecordBar(this)), stream_status_(new widgets::SourceStatusPanel(this))
{
    resize(1400, 900);
    setCentralWidget(buildCentralWidget());
    setAcceptDrops(true); // an archive dropped on the window opens
    createActions();
    createMenus();
    createToolBar();

    addDock(QStringLiteral("Channels"), QStringLiteral("channelsDock"), buildChannelPanel(), Qt::LeftDockWidgetArea);
    addDock(QStringLiteral("Statistics"), QStringLiteral("statisticsDock"), statistics_, Qt::BottomDockWidgetArea);
    QDockWidget* alerts = addDock(QStringLiteral("Alerts"), QStringLiteral("alertsDock"), alerts_, Qt::BottomDockWidgetArea);
    resizeDocks({docks_.front()}, {360}, Qt::Horizontal);
    resizeDocks({alerts}, {260}, Qt::Vertical);
    // Edited rules apply to what runs: an open archive's replay, or the session.
    alerts_->setRuleApplier([this](const QStringList& rules) -> std::optional<std::string> {
        if (!archive_)
            return controller_->setRules(rules);
        std::vector<AlertRule> parsed;
        if (auto failure = widgets::parseRuleList(rules, parsed))
            return failure;
        archive_->setRules(std::move(parsed));
        return std::nullopt;
    });
    connect(alerts_, &widgets::AlertsPanel::unacknowledgedChanged, this, [alerts](int count) {
        alerts->setWindowTitle(count > 0 ? QStringLiteral("Alerts (%1 new)").arg(count) : QStringLiteral("Alerts"));
    });

    statusBar()->addWidget(stream_status_, 1);
    statusBar()->addPermanentWidget(record_bar_);
    record_bar_->setSession(nullptr);
    connect(record_bar_, &widgets::RecordBar::recordingChanged, this, &MainWindow::updateActions);
    connect(record_bar_, &widgets::RecordBar::recordingFailed, this,
            [this](const QString& message) { showError(QStringLiteral("Recording"), message.toStdString()); });

    connect(controller_, &widgets::SessionController::sessionStopping, this, &MainWindow::sessionStopping);
    connect(controller_, &widgets::SessionController::sessionStarted, this, &MainWindow::sessionStarted);
    connect(controller_, &widgets::SessionController::pathChanged, this, [this](const QString& path) {
        recent_sessions_->add(path);
        updateTitle();
    });
    // The plot area's layout travels in the session file's "gui" section.
    controller_->setLayoutHooks([this] { return plot_->saveLayout(); },
                                [this](const QJsonObject& layout, QString* error) {
                                    return plot_->restoreLayout(layout, error);
                                });

    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The docks and the plot point into the engine: let go before the controller stops it.
    disconnect(controller_, nullptr, this, nullptr);
    sessionStopping();
    closeArchive();
}

void MainWindow::createActions()
{
    const auto make = [this](const QString& text, const QKeySequence& shortcut, const QString& tip, auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setToolTip(shortcut.isEmpty() ? tip : tip + QStringLiteral(" (") + shortcut.toString() + QStringLiteral(")"));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add_source_ = make(QStringLiteral("Add source…"), QKeySequence(Qt::CTRL | Qt::Key_N),
                       QStringLiteral("Listen on UDP, read a serial port, or load a session file"), &MainWindow::addSource);
    demo_ = make(QStringLiteral("Demo stream"), QKeySequence(Qt::CTRL | Qt::Key_D),
                 QStringLiteral("Replace the sources with the built-in demo stream"), &MainWindow::startDemo);
    connect_ = make(QStringLiteral("Connect"), QKeySequence(Qt::CTRL | Qt::Key_K),
                    QStringLiteral("Start the session's sources again"), &MainWindow::connectSources);
    disconnect_ = make(QStringLiteral("Disconnect"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                       QStringLiteral("Stop every source; the plots keep what they have"), &MainWindow::stopSources);
    record_ = make(QStringLiteral("Record"), QKeySequence(Qt::CTRL | Qt::Key_R),
                   QStringLiteral("Start or stop recording to an HDF5 archive"),
                   [this] { record_bar_->toggleRecording(); });
    open_archive_ = make(QStringLiteral("Open archive…"), QKeySequence::Open,
                         QStringLiteral("Open a recorded HDF5 archive to view and replay it"), &MainWindow::openArchive);
    play_ = make(QStringLiteral("Play / pause replay"), QKeySequence(Qt::CTRL | Qt::Key_Space),
                 QStringLiteral("Play or pause the open archive's replay"), [this] { timeline_->togglePlay(); });
    pause_ = new QAction(QStringLiteral("Pause view"), this);
    pause_->setCheckable(true);
    pause_->setShortcut(Qt::Key_Space);
    pause_->setToolTip(QStringLiteral("Freeze the plot; data keeps arriving and recording (Space)"));
    connect(pause_, &QAction::toggled, plot_, &widgets::PlotArea::setPaused);
    connect(plot_, &widgets::PlotArea::pausedChanged, pause_, &QAction::setChecked); // a zoom or pan pauses too
    load_session_ = make(QStringLiteral("Load session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                         QStringLiteral("Sources, rules, windows and layout from a session file"),
                         &MainWindow::chooseSessionToLoad);
    save_session_ = make(QStringLiteral("Save session"), QKeySequence::Save,
                         QStringLiteral("Save sources, rules, windows and layout"), &MainWindow::saveSession);
    save_session_as_ = make(QStringLiteral("Save session as…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                            QStringLiteral("Save the session to another file"), &MainWindow::saveSessionAs);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(load_session_);
    recent_sessions_ = new widgets::RecentFiles(QStringLiteral("recent/sessions"),
                                                file->addMenu(QStringLiteral("Recent sessions")), 8, this);
    connect(recent_sessions_, &widgets::RecentFiles::chosen, this, &MainWindow::loadSession);
    file->addAction(save_session_);
    file->addAction(save_session_as_);
    file->addSeparator();
    file->addAction(open_archive_);
    recent_archives_ = new widgets::RecentFiles(QStringLiteral("recent/archives"),
                                                file->addMenu(QStringLiteral("Recent archives")), 8, this);
    connect(recent_archives_, &widgets::RecentFiles::chosen, this, &MainWindow::openArchiveFile);
    file->addSeparator();
    file->addAction(QStringLiteral("Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* stream = menuBar()->addMenu(QStringLiteral("&Stream"));
    for (QAction* action : {add_source_, demo_, connect_, disconnect_})
        stream->addAction(action);
    stream->addSeparator();
    stream->addAction(record_);
    stream->addAction(pause_);
    stream->addSeparator();
    stream->addAction(play_);

    QMenu* view = menuBar()->addMenu(QStringLiteral("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QMenu* theme = view->addMenu(QStringLiteral("Theme"));
    auto* themes = new QActionGroup(this);
    light_theme_ = theme->addAction(QStringLiteral("Light"));
    dark_theme_ = theme->addAction(QStringLiteral("Dark"));
    for (QAction* action : {light_theme_, dark_theme_}) {
        action->setCheckable(true);
        themes->addAction(action);
    }
    (widgets::savedTheme() == widgets::Theme::Dark ? dark_theme_ : light_theme_)->setChecked(true);
    connect(light_theme_, &QAction::triggered, this, [] { chooseTheme(widgets::Theme::Light); });
    connect(dark_theme_, &QAction::triggered, this, [] { chooseTheme(widgets::Theme::Dark); });
    view->addSeparator();

    QMenu* help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->addAction(QStringLiteral("About StreamScope"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    QToolBar* toolbar = addToolBar(QStringLiteral("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    for (QAction* action : {add_source_, demo_, connect_, disconnect_})
        toolbar->addAction(action);
    toolbar->addSeparator();
    toolbar->addAction(record_);
    toolbar->addAction(open_archive_);
    toolbar->addSeparator();
    toolbar->addAction(pause_);
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& object_name, QWidget* contents,
                                 Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(object_name);
    dock->setWidget(contents);
    addDockWidget(area, dock);
    if (QMenu* view = menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu")))
        view->addAction(dock->toggleViewAction());
    docks_.append(dock);
    return dock;
}

QWidget* MainWindow::buildCentralWidget()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    timeline_ = new widgets::ReplayTimeline(central);
    timeline_->hide(); // until an archive opens
    // Playing follows the replay clock; a zoom or pan stops following, Home returns to it.
    connect(timeline_, &widgets::ReplayTimeline::playingChanged, this, [this](bool playing) {
        if (playing)
            plot_->follow();
    });
    layout->addWidget(plot_, 1);
    layout->addWidget(timeline_);
    return central;
}

QWidget* MainWindow::buildChannelPanel()
{
    channels_ = new widgets::ChannelTreeModel(this);
    plot_->setDefaultVisible(false); // the check boxes decide
    connect(channels_, &widgets::ChannelTreeModel::channelCheckedChanged, plot_,
            &widgets::PlotArea::setChannelVisible);
    // Dropping a channel on a plot or removing it from its last plot updates its check box.
    connect(plot_, &widgets::PlotArea::channelVisibilityChanged, channels_,
            &widgets::ChannelTreeModel::setChannelChecked);

    auto* filtered = new QSortFilterProxyModel(this);
    filtered->setSourceModel(channels_);
    filtered->setRecursiveFilteringEnabled(true);
    filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filter = new QLineEdit(panel);
    filter->setPlaceholderText(QStringLiteral("Filter channels"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, filtered, &QSortFilterProxyModel::setFilterFixedString);
    auto* tree = new QTreeView(panel);
    tree->setModel(filtered);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    tree->setDragDropMode(QAbstractItemView::DragOnly); // channels are dragged onto a plot
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(channels_, &QAbstractItemModel::rowsInserted, tree, &QTreeView::expandAll);
    layout->addWidget(filter);
    layout->addWidget(tree);

    channel_timer_.setInterval(250); // live values a few times a second; the plot has its own 60 Hz
    connect(&channel_timer_, &QTimer::timeout, channels_, &widgets::ChannelTreeModel::refresh);
    return panel;
}

void MainWindow::sessionStopping()
{
    record_bar_->setSession(nullptr); // closes a recording first
    channel_timer_.stop();
    plot_->setStore(nullptr);
    channels_->setStore(nullptr);
    statistics_->setSource(nullptr);
    stream_status_->setEngine(nullptr);
}

void MainWindow::sessionStarted(widgets::LiveSession* session)
{
    if (session != nullptr) {
        closeArchive(); // a live session takes the archive's place
        plot_->setStore(&session->engine().store());
        channels_->setStore(&session->engine().store());
        statistics_->setSource(&session->processing());
        stream_status_->setEngine(&session->engine());
        record_bar_->setSession(session);
        alerts_->clearActive();
        connect(session, &widgets::LiveSession::alertEvent, alerts_, &widgets::AlertsPanel::addEvent);
        channel_timer_.start();
    }
    alerts_->setRules(ruleTexts(controller_->config().alerts));
    updateActions();
}

void MainWindow::updateActions()
{
    const bool connected = controller_->connected();
    connect_->setEnabled(!connected && !controller_->config().sources.empty());
    disconnect_->setEnabled(connected);
    record_->setEnabled(connected);
    record_->setText(record_bar_->recording() ? QStringLiteral("Stop recording") : QStringLiteral("Record"));
    play_->setEnabled(archive_ != nullptr);
}

void MainWindow::updateTitle()
{
    const QString path = archive_ ? QString::fromStdString(archive_->reader().path()) : controller_->path();
    setWindowTitle(path.isEmpty() ? QStringLiteral("StreamScope")
                                  : QFileInfo(path).fileName() + QStringLiteral(" — StreamScope"));
}

void MainWindow::startDemo()
{
    if (const auto failure = controller_->startDemo())
        showError(QStringLiteral("Demo stream"), *failure);
}

void MainWindow::stopSources() { controller_->disconnectSources(); }

void MainWindow::connectSources()
{
    if (const auto failure = controller_->connectSources())
        showError(QStringLiteral("Connect"), *failure);
}

void MainWindow::addSource()
{
    widgets::SourceDialog dialog([this](const SourceConfig& source) { return controller_->addSource(source); },
                                 [this](const QString& path) { return controller_->load(path); }, this);
    dialog.exec();
}

bool MainWindow::loadSession(const QString& path)
{
    if (const auto failure = controller_->load(path)) {
        showError(QStringLiteral("Load session"), *failure);
        return false;
    }
    return true;
}

void MainWindow::chooseSessionToLoad()
{
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Load session"), controller_->path(),
                                                      kSessionFilter);
    if (!path.isEmpty())
        loadSession(path);
}

bool MainWindow::saveSession()
{
    if (controller_->path().isEmpty())
        return saveSessionAs();
    if (const auto failure = controller_->save(controller_->path())) {
        showError(QStringLiteral("Save session"), *failure);
        return false;
    }
    statusBar()->showMessage(QStringLiteral("Saved ") + controller_->path(), 3000);
    return true;
}

bool MainWindow::saveSessionAs()
{
    QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save session"), controller_->path(), kSessionFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    if (const auto failure = controller_->save(path)) {
        showError(QStringLiteral("Save session"), *failure);
        return false;
    }
    return true;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, QStringLiteral("About StreamScope"),
                       QStringLiteral("<h3>StreamScope %1</h3>"
                                      "<p>Live telemetry: ingest over UDP and serial, rolling statistics, alerts, "
                                      "live plots and crash-safe HDF5 recording.</p>"
                                      "<p>Built with Qt %2.</p>")
                           .arg(QStringLiteral(STREAMSCOPE_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::showError(const QString& title, const std::string& message)
{
    QMessageBox::warning(this, title, QString::fromStdString(message));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace streamscope::gui
