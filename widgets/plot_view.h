#pragma once

#include "widgets/plot_series_set.h"

#include <qcustomplot.h>

#include <optional>
#include <vector>

namespace streamscope::widgets {

class PlotTimeTicker;

// One plot of a PlotArea: several channels on one value axis with a legend, drawn over the time range
// the area gives it. What reaches QCustomPlot is each channel's M4 aggregate at the plot's pixel width
// (at most four points per pixel column; a zoomed-in view with fewer samples than columns draws every
// sample, with markers). Mouse gestures become requests to the area, which owns the shared time axis:
// drag pans, the wheel zooms time (over the value axis it zooms this plot's Y range instead),
// double-click returns to follow, hovering moves the cursor. Channels can be dropped on it from the
// channel tree.
class PlotView : public QCustomPlot {
    Q_OBJECT
public:
    explicit PlotView(const PlotSeriesSet& series, QWidget* parent = nullptr);

    // Channels on this plot, in the order added.
    [[nodiscard]] std::vector<ChannelIndex> channels() const;
    [[nodiscard]] bool hasChannel(ChannelIndex channel) const;
    void addChannel(ChannelIndex channel);
    void removeChannel(ChannelIndex channel);

    // Channel names from a restored layout that have not appeared yet; attached as they appear.
    [[nodiscard]] const QStringList& pendingChannels() const { return pending_; }
    void setPendingChannels(QStringList names) { pending_ = std::move(names); }
    // Attaches the pending channels that now exist; returns whether any was attached.
    bool attachPendingChannels();

    // Automatic Y range (fitted to the visible data each frame) or a fixed one.
    void setAutoYRange();
    void setFixedYRange(QCPRange range);
    [[nodiscard]] std::optional<QCPRange> fixedYRange() const { return fixed_y_; }

    // Draws [left, right]; times on the axis are seconds after `origin` (doubles keep nanoseconds near 0).
    void draw(TimeNs left, TimeNs right, TimeNs origin);
    // The cursor line and each channel's value at that time in the legend; nullopt hides it.
    void setCursorTime(std::optional<TimeNs> time);
    [[nodiscard]] QString legendText(ChannelIndex channel) const;

    [[nodiscard]] TimeNs timeAtPixel(double x) const;
    [[nodiscard]] double pixelOfTime(TimeNs time) const;
    [[nodiscard]] QCPGraph* graphOf(ChannelIndex channel) const;

    // Replots at the next event loop pass, once however often it is asked for; not before it has a size.
    void requestReplot();

    void setCurrent(bool current);
    // The left margin that aligns this plot's time axis with its neighbours'; false if it was already so.
    bool setMinimumLeftMargin(int pixels);
    [[nodiscard]] int neededLeftMargin() const { return needed_left_margin_; }

Q_SIGNALS:
    void activated();
    void panRequested(streamscope::TimeNs delta);
    void zoomRequested(streamscope::TimeNs anchor, double factor);
    void followRequested();
    void cursorMoved(std::optional<streamscope::TimeNs> time);
    void channelsDropped(const std::vector<streamscope::ChannelIndex>& channels);
    void splitRequested(Qt::Orientation orientation);
    void removeRequested();
    void channelRemoved(streamscope::ChannelIndex channel);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct Curve {
        ChannelIndex channel = 0;
        QCPGraph* graph = nullptr;
        PlotColumns columns; // the view's M4 columns, kept while they cannot change
    };
    [[nodiscard]] bool overValueAxis(QPointF position) const;
    void updateLegend();

    const PlotSeriesSet& series_;
    std::vector<Curve> curves_;
    QStringList pending_;
    std::optional<QCPRange> fixed_y_;
    QSharedPointer<PlotTimeTicker> ticker_;
    QCPItemStraightLine* cursor_line_ = nullptr;
    std::optional<TimeNs> cursor_time_;
    TimeNs left_ = 0;
    TimeNs right_ = 0;
    TimeNs origin_ = 0;
    std::optional<QPointF> drag_from_;
    bool dragged_ = false;
    int needed_left_margin_ = 0;
    std::vector<TimeNs> m4_times_;
    std::vector<double> m4_values_;
    QVector<QCPGraphData> points_;
};

} // namespace streamscope::widgets
