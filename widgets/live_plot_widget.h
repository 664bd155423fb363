#pragma once

#include "core/pipeline/channel_store.h"

#include <QTimer>
#include <QWidget>

#include <chrono>
#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPMarginGroup;

namespace streamscope::widgets {

// A live plot of every channel in a ChannelStore, following the newest data over a time window: one row
// per channel, each with its own value axis (a 1 bar pressure and a 0.01 g vibration both stay readable),
// all on one shared time axis. A timer pulls only the points added since the last frame (never one
// signal per sample) and replots at most 60 times a second; QCustomPlot's adaptive sampling keeps dense
// curves cheap to draw.
class LivePlotWidget : public QWidget {
    Q_OBJECT
public:
    explicit LivePlotWidget(QWidget* parent = nullptr);

    void setStore(const ChannelStore* store);
    void setWindow(std::chrono::milliseconds window);
    // A paused view freezes; data keeps arriving in the store and is drawn on resume.
    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return paused_; }

    // Pulls new points and replots; called by the frame timer (public so tests can drive frames).
    void refresh();

    [[nodiscard]] QCustomPlot* plot() const { return plot_; }
    [[nodiscard]] std::uint64_t framesDrawn() const { return frames_drawn_; }

private:
    struct Curve {
        QCPGraph* graph = nullptr;
        std::uint64_t next_sequence = 0;
    };
    void addMissingCurves();
    void rescaleValueAxes();

    QCustomPlot* plot_ = nullptr;
    QCPMarginGroup* margins_ = nullptr;
    QTimer frame_timer_;
    const ChannelStore* store_ = nullptr;
    std::vector<Curve> curves_;
    std::chrono::milliseconds window_{10'000};
    bool paused_ = false;
    std::uint64_t frames_drawn_ = 0;
};

} // namespace streamscope::widgets
