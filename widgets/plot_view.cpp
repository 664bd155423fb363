#include "widgets/plot_view.h"

#include "widgets/channel_colour.h"
#include "widgets/channel_tree_model.h"

#include <QMenu>
#include <QMimeData>

#include <algorithm>
#include <cmath>
#include <limits>

namespace streamscope::widgets {

namespace {

constexpr double kNsPerSecond = 1e9;
constexpr double kWheelZoomPerStep = 0.8; // one wheel notch shows 80 % of the range

// Above this many pixel columns per drawn point the samples are far apart: mark each one.
constexpr int kColumnsPerPointForMarkers = 6;

QString formatValue(double value) { return std::isnan(value) ? QStringLiteral("NaN") : QString::number(value, 'g', 6); }

} // namespace

// Date-time tick labels for keys that count seconds from an origin (see PlotView::draw).
class PlotTimeTicker : public QCPAxisTickerDateTime {
public:
    void setOrigin(TimeNs origin) { origin_seconds_ = static_cast<double>(origin) / kNsPerSecond; }

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar format_char, int precision) override
    {
        return QCPAxisTickerDateTime::getTickLabel(tick + origin_seconds_, locale, format_char, precision);
    }

private:
    double origin_seconds_ = 0.0;
};

PlotView::PlotView(const PlotSeriesSet& series, QWidget* parent)
    : QCustomPlot(parent), series_(series), ticker_(QSharedPointer<PlotTimeTicker>::create())
{
    // At four points per pixel column, antialiasing the curves only blurs them and costs most of a frame.
    setNotAntialiasedElements(QCP::aePlottables);
    setAcceptDrops(true);
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(true); // the cursor follows the mouse without a button pressed
    setMinimumSize(120, 80);

    ticker_->setDateTimeSpec(Qt::LocalTime);
    xAxis->setTicker(ticker_);
    const QFont small(font().family(), 8);
    xAxis->setTickLabelFont(small);
    yAxis->setTickLabelFont(small);

    legend->setVisible(true);
    legend->setFont(small);
    legend->setBrush(QColor(255, 255, 255, 210));
    legend->setBorderPen(QPen(QColor(200, 200, 200)));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    cursor_line_ = new QCPItemStraightLine(this);
    cursor_line_->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    cursor_line_->setVisible(false);
}

std::vector<ChannelIndex> PlotView::channels() const
{
    std::vector<ChannelIndex> channels;
    for (const Curve& curve : curves_)
        channels.push_back(curve.channel);
    return channels;
}

bool PlotView::hasChannel(ChannelIndex channel) const { return graphOf(channel) != nullptr; }

QCPGraph* PlotView::graphOf(ChannelIndex channel) const
{
    for (const Curve& curve : curves_)
        if (curve.channel == channel)
            return curve.graph;
    return nullptr;
}

void PlotView::addChannel(ChannelIndex channel)
{
    if (hasChannel(channel) || channel >= series_.channelCount())
        return;
    QCPGraph* graph = addGraph(xAxis, yAxis);
    QPen pen(channelColour(channel), 1.0);
    pen.setCosmetic(true); // one device pixel wide: the raster engine's fast line path
    graph->setPen(pen);
    graph->setAdaptiveSampling(false); // the data is already at most four points per pixel column
    curves_.push_back({channel, graph, {}});
    pending_.removeAll(series_.name(channel));
    updateLegend();
    requestReplot();
}

void PlotView::removeChannel(ChannelIndex channel)
{
    const auto it = std::find_if(curves_.begin(), curves_.end(), [&](const Curve& c) { return c.channel == channel; });
    if (it == curves_.end())
        return;
    removeGraph(it->graph);
    curves_.erase(it);
    updateLegend();
    requestReplot();
}

bool PlotView::attachPendingChannels()
{
    bool attached = false;
    const QStringList names = pending_;
    for (const QString& name : names)
        for (const ChannelIndex channel : series_.channelsNamed(name)) {
            addChannel(channel);
            attached = true;
        }
    return attached;
}

void PlotView::setAutoYRange() { fixed_y_.reset(); }

void PlotView::setFixedYRange(QCPRange range)
{
    range.normalize();
    fixed_y_ = range;
    yAxis->setRange(*fixed_y_);
    requestReplot();
}

void PlotView::draw(TimeNs left, TimeNs right, TimeNs origin)
{
    left_ = left;
    right_ = right;
    origin_ = origin;
    ticker_->setOrigin(origin);
    // Milliseconds matter once the view is a few seconds wide.
    ticker_->setDateTimeFormat(right - left < 20'000'000'000 ? QStringLiteral("HH:mm:ss.zzz")
                                                             : QStringLiteral("HH:mm:ss"));
    const auto toKey = [origin](TimeNs t) { return static_cast<double>(t - origin) / kNsPerSecond; };

    // The columns M4 aggregates into are the axis rect's pixel columns, so lay the plot out for the
    // current viewport first (a resize, a new margin); the replot afterwards does the same, cheaply.
    plotLayout()->setOuterRect(viewport());
    for (const auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plotLayout()->update(phase);
    needed_left_margin_ = axisRect()->margins().left();

    const int width = std::max(1, axisRect()->width());
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (Curve& curve : curves_) {
        series_.polyline(curve.channel, left, right, width, curve.columns, m4_times_, m4_values_);
        points_.resize(static_cast<qsizetype>(m4_times_.size()));
        for (std::size_t p = 0; p < m4_times_.size(); ++p) {
            points_[static_cast<qsizetype>(p)] = {toKey(m4_times_[p]), m4_values_[p]};
            if (std::isfinite(m4_values_[p]) && m4_times_[p] >= left && m4_times_[p] <= right) {
                low = std::min(low, m4_values_[p]);
                high = std::max(high, m4_values_[p]);
            }
        }
        curve.graph->data()->set(points_, true);
        const bool sparse = !points_.isEmpty() && width / static_cast<int>(points_.size()) >= kColumnsPerPointForMarkers;
        curve.graph->setScatterStyle(sparse ? QCPScatterStyle(QCPScatterStyle::ssDisc, 4) : QCPScatterStyle());
    }
    xAxis->setRange(toKey(left), toKey(right));
    if (fixed_y_) {
        yAxis->setRange(*fixed_y_);
    } else if (low <= high) {
        const double margin = high > low ? (high - low) * 0.08 : std::max(std::abs(high) * 0.1, 0.5);
        yAxis->setRange(low - margin, high + margin);
    }
    if (cursor_time_)
        setCursorTime(cursor_time_);
}

void PlotView::setCursorTime(std::optional<TimeNs> time)
{
    cursor_time_ = time;
    cursor_line_->setVisible(time.has_value());
    if (time) {
        const double key = static_cast<double>(*time - origin_) / kNsPerSecond;
        cursor_line_->point1->setCoords(key, 0.0);
        cursor_line_->point2->setCoords(key, 1.0);
    }
    updateLegend();
}

QString PlotView::legendText(ChannelIndex channel) const
{
    QString text = series_.label(channel);
    if (!cursor_time_)
        return text;
    // Search as far as the view is wide: a sample outside it is not what the user points at.
    const auto sample = series_.nearest(channel, *cursor_time_, std::max<TimeNs>(1, right_ - left_));
    text += QStringLiteral(" = ") + (sample ? formatValue(sample->value) : QStringLiteral("—"));
    if (sample && !series_.unit(channel).isEmpty())
        text += QLatin1Char(' ') + series_.unit(channel);
    return text;
}

void PlotView::updateLegend()
{
    for (const Curve& curve : curves_)
        curve.graph->setName(legendText(curve.channel));
    legend->setVisible(!curves_.empty());
}

TimeNs PlotView::timeAtPixel(double x) const
{
    return origin_ + static_cast<TimeNs>(std::llround(xAxis->pixelToCoord(x) * kNsPerSecond));
}

double PlotView::pixelOfTime(TimeNs time) const
{
    return xAxis->coordToPixel(static_cast<double>(time - origin_) / kNsPerSecond);
}

void PlotView::requestReplot()
{
    // A plot not laid out yet has no paint buffer to draw into; its first resize replots anyway.
    if (isVisible() && !viewport().isEmpty())
        replot(rpQueuedReplot);
}

void PlotView::setCurrent(bool current)
{
    axisRect()->setBackground(current ? QBrush(QColor(246, 250, 255)) : QBrush(Qt::white));
    requestReplot();
}

bool PlotView::setMinimumLeftMargin(int pixels)
{
    if (axisRect()->minimumMargins().left() == pixels)
        return false;
    QMargins margins = axisRect()->minimumMargins();
    margins.setLeft(pixels);
    axisRect()->setMinimumMargins(margins);
    return true;
}

bool PlotView::overValueAxis(QPointF position) const { return position.x() < axisRect()->left(); }

void PlotView::mousePressEvent(QMouseEvent* event)
{
    Q_EMIT activated();
    if (event->button() == Qt::LeftButton) {
        drag_from_ = event->position();
        dragged_ = false;
    }
}

void PlotView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF at = event->position();
    if (drag_from_ && (event->buttons() & Qt::LeftButton)) {
        const QPointF delta = at - *drag_from_;
        if (overValueAxis(*drag_from_)) { // dragging the value axis pans this plot's Y range
            const double shift = yAxis->pixelToCoord(drag_from_->y()) - yAxis->pixelToCoord(at.y());
            setFixedYRange(yAxis->range() + shift);
        } else if (delta.x() != 0.0) {
            Q_EMIT panRequested(timeAtPixel(drag_from_->x()) - timeAtPixel(at.x()));
        }
        dragged_ = dragged_ || delta.manhattanLength() > 0;
        drag_from_ = at;
        return;
    }
    if (axisRect()->rect().contains(at.toPoint()))
        Q_EMIT cursorMoved(timeAtPixel(at.x()));
}

void PlotView::mouseReleaseEvent(QMouseEvent* /*event*/) { drag_from_.reset(); }

void PlotView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (overValueAxis(event->position()))
        setAutoYRange();
    else
        Q_EMIT followRequested();
}

void PlotView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0)
        return;
    const double factor = std::pow(kWheelZoomPerStep, steps);
    const QPointF at = event->position();
    if (overValueAxis(at)) {
        const double anchor = yAxis->pixelToCoord(at.y());
        QCPRange range = yAxis->range();
        range.lower = anchor + (range.lower - anchor) * factor;
        range.upper = anchor + (range.upper - anchor) * factor;
        setFixedYRange(range);
    } else {
        Q_EMIT zoomRequested(timeAtPixel(at.x()), factor);
    }
    event->accept();
}

void PlotView::leaveEvent(QEvent* event)
{
    QCustomPlot::leaveEvent(event);
    Q_EMIT cursorMoved(std::nullopt);
}

void PlotView::contextMenuEvent(QContextMenuEvent* event)
{
    Q_EMIT activated();
    QMenu menu(this);
    menu.addAction(QStringLiteral("Split side by side"), this, [this] { Q_EMIT splitRequested(Qt::Horizontal); });
    menu.addAction(QStringLiteral("Split top and bottom"), this, [this] { Q_EMIT splitRequested(Qt::Vertical); });
    menu.addAction(QStringLiteral("Remove plot"), this, [this] { Q_EMIT removeRequested(); });
    menu.addSeparator();
    QAction* automatic = menu.addAction(QStringLiteral("Automatic Y range"), this, [this] {
        setAutoYRange();
        requestReplot();
    });
    automatic->setCheckable(true);
    automatic->setChecked(!fixed_y_);
    menu.addAction(QStringLiteral("Fix Y range here"), this, [this] { setFixedYRange(yAxis->range()); });
    if (!curves_.empty()) {
        QMenu* remove = menu.addMenu(QStringLiteral("Remove channel"));
        for (const Curve& curve : curves_) {
            const ChannelIndex channel = curve.channel;
            remove->addAction(series_.label(channel), this, [this, channel] {
                removeChannel(channel);
                Q_EMIT channelRemoved(channel);
            });
        }
    }
    menu.exec(event->globalPos());
}

void PlotView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(ChannelTreeModel::kChannelMimeType)))
        event->acceptProposedAction();
}

void PlotView::dropEvent(QDropEvent* event)
{
    const std::vector<ChannelIndex> dropped = ChannelTreeModel::channelsFromMimeData(event->mimeData());
    if (dropped.empty())
        return;
    event->acceptProposedAction();
    Q_EMIT activated();
    Q_EMIT channelsDropped(dropped);
}

} // namespace streamscope::widgets
