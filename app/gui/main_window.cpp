#include "app/gui/main_window.h"

#include "widgets/channel_tree_model.h"
#include "widgets/plot_area.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace streamscope::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), plot_(new widgets::PlotArea(this))
{
    setWindowTitle(QStringLiteral("StreamScope"));
    resize(1280, 800);
    setCentralWidget(plot_);

    QToolBar* toolbar = addToolBar(QStringLiteral("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    QAction* demo = toolbar->addAction(QStringLiteral("Demo stream"), this, &MainWindow::startDemo);
    demo->setToolTip(QStringLiteral("Start the built-in demo stream"));
    QAction* stop = toolbar->addAction(QStringLiteral("Disconnect"), this, &MainWindow::stopSources);
    stop->setToolTip(QStringLiteral("Stop all sources"));
    QAction* pause = toolbar->addAction(QStringLiteral("Pause view"));
    pause->setCheckable(true);
    pause->setShortcut(Qt::Key_Space);
    pause->setToolTip(QStringLiteral("Freeze the plot; data keeps arriving (Space)"));
    connect(pause, &QAction::toggled, plot_, &widgets::PlotArea::setPaused);
    connect(plot_, &widgets::PlotArea::pausedChanged, pause, &QAction::setChecked); // a zoom or pan pauses too

    addChannelDock();

    status_label_ = new QLabel(QStringLiteral("No source. Start the demo stream from the toolbar."), this);
    statusBar()->addWidget(status_label_, 1);
    status_timer_.setInterval(1000);
    connect(&status_timer_, &QTimer::timeout, this, &MainWindow::updateStatus);
}

MainWindow::~MainWindow()
{
    plot_->setStore(nullptr);
    channels_->setStore(nullptr);
}

void MainWindow::addChannelDock()
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

    auto* dock = new QDockWidget(QStringLiteral("Channels"), this);
    dock->setObjectName(QStringLiteral("channelsDock"));
    dock->setWidget(panel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {400}, Qt::Horizontal);

    channel_timer_.setInterval(250); // live values a few times a second; the plot has its own 60 Hz
    connect(&channel_timer_, &QTimer::timeout, channels_, &widgets::ChannelTreeModel::refresh);
}

void MainWindow::startDemo()
{
    stopSources();
    plot_->setStore(nullptr);
    channels_->setStore(nullptr);
    engine_ = std::make_unique<Engine>();
    engine_->addDemoSource();
    engine_->start();
    plot_->setStore(&engine_->store());
    channels_->setStore(&engine_->store());
    channel_timer_.start();
    last_samples_ = 0;
    status_timer_.start();
    updateStatus();
}

void MainWindow::stopSources()
{
    if (!engine_)
        return;
    engine_->stop();
    updateStatus();
    status_timer_.stop();
}

void MainWindow::updateStatus()
{
    if (!engine_)
        return;
    std::uint64_t errors = 0;
    std::uint64_t drops = 0;
    for (const SourceStatus& s : engine_->sourceStatus()) {
        errors += s.decode_errors;
        drops += s.kernel_drops + s.ring_drops;
    }
    const std::uint64_t samples = engine_->pipeline().samplesProcessed();
    const std::uint64_t rate = samples - last_samples_;
    last_samples_ = samples;
    status_label_->setText(QStringLiteral("%1 channels   %2 samples/s   %3 samples   %4 decode errors   %5 drops")
                               .arg(engine_->store().channelCount())
                               .arg(rate)
                               .arg(samples)
                               .arg(errors)
                               .arg(drops));
}

} // namespace streamscope::gui
