#include "app/gui/main_window.h"

#include "widgets/live_plot_widget.h"

#include <QAction>
#include <QStatusBar>
#include <QToolBar>

namespace streamscope::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), plot_(new widgets::LivePlotWidget(this))
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
    connect(pause, &QAction::toggled, plot_, &widgets::LivePlotWidget::setPaused);

    status_label_ = new QLabel(QStringLiteral("No source. Start the demo stream from the toolbar."), this);
    statusBar()->addWidget(status_label_, 1);
    status_timer_.setInterval(1000);
    connect(&status_timer_, &QTimer::timeout, this, &MainWindow::updateStatus);
}

MainWindow::~MainWindow()
{
    plot_->setStore(nullptr);
}

void MainWindow::startDemo()
{
    stopSources();
    engine_ = std::make_unique<Engine>();
    engine_->addDemoSource();
    engine_->start();
    plot_->setStore(&engine_->store());
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
