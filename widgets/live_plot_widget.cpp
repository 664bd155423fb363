#include "widgets/live_plot_widget.h"

#include "widgets/channel_colour.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace streamscope::widgets {

namespace {

double toPlotSeconds(TimeNs time_ns) { return static_cast<double>(time_ns) * 1e-9; }

} // namespace

LivePlotWidget::LivePlotWidget(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), margins_(new QCPMarginGroup(plot_))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->clear(); // rows are added per channel
    // At four points per pixel column, antialiasing the curves only blurs them and costs most of a frame.
    plot_->setNotAntialiasedElements(QCP::aePlottables);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    frame_timer_.setInterval(16); // ~60 Hz
    connect(&frame_timer_, &QTimer::timeout, this, &LivePlotWidget::refresh);
}

void LivePlotWidget::setStore(const ChannelStore* store)
{
    store_ = store;
    std::vector<QCPAxisRect*> hidden_rows; // not in the layout, so clearing it does not delete them
    for (const Curve& curve : curves_)
        if (!curve.graph->keyAxis()->axisRect()->visible())
            hidden_rows.push_back(curve.graph->keyAxis()->axisRect());
    plot_->clearGraphs();
    plot_->plotLayout()->clear();
    qDeleteAll(hidden_rows);
    curves_.clear();
    visibility_.clear();
    if (store_)
        frame_timer_.start();
    else
        frame_timer_.stop();
}

void LivePlotWidget::setWindow(std::chrono::milliseconds window) { window_ = window; }

void LivePlotWidget::setPaused(bool paused) { paused_ = paused; }

bool LivePlotWidget::isChannelVisible(ChannelIndex channel) const
{
    const auto it = visibility_.find(channel);
    return it == visibility_.end() ? default_visible_ : it->second;
}

void LivePlotWidget::setChannelVisible(ChannelIndex channel, bool visible)
{
    visibility_[channel] = visible;
    if (channel < curves_.size()) {
        relayoutRows();
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
}

void LivePlotWidget::relayoutRows()
{
    QCPLayoutGrid* layout = plot_->plotLayout();
    int last_visible = -1;
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        QCPAxisRect* rect = curves_[i].graph->keyAxis()->axisRect();
        if (rect->layout() == layout)
            layout->take(rect);
        rect->setVisible(isChannelVisible(static_cast<ChannelIndex>(i)));
        if (rect->visible())
            last_visible = static_cast<int>(i);
    }
    layout->simplify();
    int row = 0;
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        QCPAxisRect* rect = curves_[i].graph->keyAxis()->axisRect();
        if (!rect->visible())
            continue;
        layout->addElement(row++, 0, rect);
        // Only the bottom row labels the shared time axis.
        curves_[i].graph->keyAxis()->setTickLabels(static_cast<int>(i) == last_visible);
    }
}

void LivePlotWidget::addMissingCurves()
{
    const auto channels = store_->snapshot();
    for (std::size_t i = curves_.size(); i < channels.size(); ++i) {
        auto* rect = new QCPAxisRect(plot_);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins_);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        QCPAxis* time_axis = rect->axis(QCPAxis::atBottom);
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
        ticker->setDateTimeSpec(Qt::LocalTime);
        time_axis->setTicker(ticker);
        QCPAxis* value_axis = rect->axis(QCPAxis::atLeft);
        value_axis->setLabel(QString::fromStdString(channels[i].info.name));
        value_axis->setLabelFont(QFont(font().family(), 8));
        value_axis->setTickLabelFont(QFont(font().family(), 8));

        QCPGraph* graph = plot_->addGraph(time_axis, value_axis);
        graph->setName(QString::fromStdString(channels[i].info.name));
        QPen pen(channelColour(static_cast<ChannelIndex>(i)), 1.0);
        pen.setCosmetic(true); // one device pixel wide: the raster engine's fast line path
        graph->setPen(pen);
        graph->setAdaptiveSampling(false); // the data is already at most four points per pixel column
        curves_.push_back({graph, 0, {}, {}});
    }
    relayoutRows();
}

void LivePlotWidget::drawCurves(TimeNs left, TimeNs right)
{
    // The columns M4 aggregates into are the axis rects' pixel columns, so lay the plot out for the
    // current viewport first (a new row, a resize); the replot afterwards does the same, cheaply.
    QCPLayout* layout = plot_->plotLayout();
    layout->setOuterRect(plot_->viewport());
    for (const auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        layout->update(phase);

    QVector<QCPGraphData> points;
    for (Curve& curve : curves_) {
        if (!curve.graph->keyAxis()->axisRect()->visible())
            continue;
        const int width = std::max(1, curve.graph->keyAxis()->axisRect()->width());
        const TimeNs column_ns = std::max<TimeNs>(1, (right - left) / width);
        curve.columns.update(curve.series, left, right, column_ns);
        curve.columns.polyline(m4_times_, m4_values_);
        points.resize(static_cast<qsizetype>(m4_times_.size()));
        double low = std::numeric_limits<double>::infinity();
        double high = -low;
        for (std::size_t p = 0; p < m4_times_.size(); ++p) {
            points[static_cast<qsizetype>(p)] = {toPlotSeconds(m4_times_[p]), m4_values_[p]};
            if (std::isfinite(m4_values_[p])) {
                low = std::min(low, m4_values_[p]);
                high = std::max(high, m4_values_[p]);
            }
        }
        curve.graph->data()->set(points, true);
        curve.graph->keyAxis()->setRange(toPlotSeconds(left), toPlotSeconds(right));
        if (low <= high) {
            const double margin = std::max(1e-9, (high - low) * 0.08);
            curve.graph->valueAxis()->setRange(low - margin, high + margin);
        }
    }
}

void LivePlotWidget::refresh()
{
    if (!store_ || paused_)
        return;
    if (curves_.size() < store_->channelCount())
        addMissingCurves();

    TimeNs newest = 0;
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        Curve& curve = curves_[i];
        const HistorySlice slice = store_->readHistorySince(static_cast<ChannelIndex>(i), curve.next_sequence);
        curve.next_sequence = slice.next_sequence;
        for (std::size_t p = 0; p < slice.times.size(); ++p)
            curve.series.append(slice.times[p], slice.values[p]);
        if (!curve.series.empty())
            newest = std::max(newest, curve.series.lastTime());
    }
    if (newest == 0)
        return;

    const TimeNs window = std::chrono::duration_cast<std::chrono::nanoseconds>(window_).count();
    const TimeNs left = newest - window;
    for (Curve& curve : curves_)
        curve.series.dropBefore(left);
    drawCurves(left, newest);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    ++frames_drawn_;
}

} // namespace streamscope::widgets
