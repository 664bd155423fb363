#pragma once

#include "core/engine.h"

#include <QLabel>
#include <QMainWindow>
#include <QTimer>

#include <memory>

namespace streamscope::widgets {
class ChannelTreeModel;
class PlotArea;
}

namespace streamscope::gui {

// The desktop app's window. It hosts pages and docks; the work happens in the engine's threads and in
// the widgets library. For now: the live plot, the channel list and a status bar over one engine.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void startDemo();
    void stopSources();

    [[nodiscard]] widgets::PlotArea* plotArea() const { return plot_; }

private:
    void addChannelDock();
    void updateStatus();

    std::unique_ptr<Engine> engine_;
    widgets::PlotArea* plot_ = nullptr;
    widgets::ChannelTreeModel* channels_ = nullptr;
    QTimer channel_timer_;
    QLabel* status_label_ = nullptr;
    QTimer status_timer_;
    std::uint64_t last_samples_ = 0;
};

} // namespace streamscope::gui
