#pragma once

#include "core/pipeline/channel_store.h"
#include "core/pipeline/lod_series.h"
#include "core/pipeline/m4_column_cache.h"

#include <QTimer>
#include <QWidget>

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPMarginGroup;

namespace streamscope::widgets {

// A live plot of every channel in a ChannelStore, following the newest data over a time window: one row
// per channel, each with its own value axis (a 1 bar pressure and a 0.01 g vibration both stay readable),
// all on one shared time axis. A timer pulls only the points added since the last frame (never one
// signal per sample) into a LodSeries per channel and replots at most 60 times a second. What reaches
// QCustomPlot is the M4 aggregate for the plot's pixel width (at most four points per pixel column),
// so a frame costs the same for a thousand points or millions. The columns sit on a fixed time grid,
// so a following view computes only the columns that are new since the last frame.
class LivePlotWidget : public QWidget {
    Q_OBJECT
public:
    explicit LivePlotWidget(QWidget* parent = nullptr);

    void setStore(const ChannelStore* store);
    void setWindow(std::chrono::milliseconds window);
    // A paused view freezes; data keeps arriving in the store and is drawn on resume.
    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return paused_; }

    // Which channels get a row. Until told otherwise every channel is shown; a channel list (the
    // ChannelTreeModel's check boxes) switches that to explicit choices with setDefaultVisible(false).
    void setChannelVisible(ChannelIndex channel, bool visible);
    void setDefaultVisible(bool visible) { default_visible_ = visible; }
    [[nodiscard]] bool isChannelVisible(ChannelIndex channel) const;

    // Pulls new points and replots; called by the frame timer (public so tests can drive frames).
    void refresh();

    [[nodiscard]] QCustomPlot* plot() const { return plot_; }
    [[nodiscard]] std::uint64_t framesDrawn() const { return frames_drawn_; }

private:
    struct Curve {
        QCPGraph* graph = nullptr;
        std::uint64_t next_sequence = 0;
        LodSeries series;
        M4ColumnCache columns; // the view's M4 columns, kept while they cannot change
    };
    void addMissingCurves();
    // Puts the visible channels' rows into the layout, in channel order, and hides the others.
    void relayoutRows();
    // Replaces each graph's data with the M4 polyline of [left, right] at its pixel width.
    void drawCurves(TimeNs left, TimeNs right);

    QCustomPlot* plot_ = nullptr;
    QCPMarginGroup* margins_ = nullptr;
    QTimer frame_timer_;
    const ChannelStore* store_ = nullptr;
    std::vector<Curve> curves_;
    std::vector<TimeNs> m4_times_;
    std::vector<double> m4_values_;
    std::map<ChannelIndex, bool> visibility_;
    bool default_visible_ = true;
    std::chrono::milliseconds window_{10'000};
    bool paused_ = false;
    std::uint64_t frames_drawn_ = 0;
};

} // namespace streamscope::widgets
