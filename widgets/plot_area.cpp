#include "widgets/plot_area.h"

#include "widgets/plot_view.h"

#include <QLabel>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace streamscope::widgets {

namespace {

constexpr TimeNs kNsPerMs = 1'000'000;
constexpr TimeNs kHourNs = 3'600'000'000'000;
constexpr TimeNs kMinSpanNs = 1'000;               // zooming in stops at 1 µs across the plot
constexpr TimeNs kMaxSpanNs = 24 * kHourNs;        // and out at a day

// The plots of a splitter tree in reading order.
void collectPlots(const QSplitter* splitter, std::vector<PlotView*>& plots)
{
    for (int i = 0; i < splitter->count(); ++i) {
        QWidget* child = splitter->widget(i);
        if (auto* plot = qobject_cast<PlotView*>(child))
            plots.push_back(plot);
        else if (auto* nested = qobject_cast<QSplitter*>(child))
            collectPlots(nested, plots);
    }
}

// "vibration" for "vibration.x"; a name without a dot is its own group.
QString channelGroup(const QString& name) { return name.left(name.lastIndexOf(QLatin1Char('.'))); }

QString formatClock(TimeNs time)
{
    return QDateTime::fromMSecsSinceEpoch(time / kNsPerMs).toString(QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace

PlotArea::PlotArea(QWidget* parent) : QWidget(parent), root_(new QSplitter(Qt::Vertical))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    layout->addLayout(createControls());

    root_->setChildrenCollapsible(false);
    layout->addWidget(root_, 1);
    PlotView* first = createPlot();
    root_->addWidget(first);
    setCurrentPlot(first);
    updateWindowBox();

    auto* home = new QShortcut(QKeySequence(Qt::Key_Home), this, this, &PlotArea::follow);
    home->setContext(Qt::WidgetWithChildrenShortcut);

    frame_timer_.setInterval(16); // ~60 Hz
    connect(&frame_timer_, &QTimer::timeout, this, &PlotArea::refresh);
}

PlotArea::~PlotArea()
{
    frame_timer_.stop();
    delete root_; // the plots refer to series_, which goes before QWidget deletes its children
}

void PlotArea::setStore(const ChannelStore* store) { setSource(store, nullptr); }

void PlotArea::setArchive(const PlotArchive* archive) { setSource(nullptr, archive); }

void PlotArea::setSource(const ChannelStore* store, const PlotArchive* archive)
{
    // Channel indices belong to a store; names outlive it. Plots keep their channels by name, so a
    // restarted source finds its channels where they were.
    for (PlotView* plot : plots()) {
        QStringList names = plot->pendingChannels();
        for (const ChannelIndex channel : plot->channels()) {
            names << series_.name(channel);
            plot->removeChannel(channel);
        }
        names.removeDuplicates();
        plot->setPendingChannels(names);
    }
    if (archive)
        series_.setArchive(archive, [this] {
            view_changed_ = true; // columns of the view arrived: the next frame draws them
        });
    else
        series_.setStore(store);
    wanted_.clear();
    has_origin_ = false;
    cursor_.reset();
    setPaused(false);
    if (series_.hasSource())
        frame_timer_.start();
    else
        frame_timer_.stop();
}

PlotView* PlotArea::createPlot()
{
    auto* plot = new PlotView(series_);
    connectPlot(plot);
    if (has_origin_)
        plot->draw(left_, right_, origin_);
    view_changed_ = true;
    return plot;
}

void PlotArea::connectPlot(PlotView* plot)
{
    connect(plot, &PlotView::activated, this, [this, plot] { setCurrentPlot(plot); });
    connect(plot, &PlotView::panRequested, this, &PlotArea::panTime);
    connect(plot, &PlotView::zoomRequested, this, &PlotArea::zoomTime);
    connect(plot, &PlotView::followRequested, this, &PlotArea::follow);
    connect(plot, &PlotView::cursorMoved, this, &PlotArea::setCursorTime);
    connect(plot, &PlotView::splitRequested, this, [this, plot](Qt::Orientation o) { splitPlot(plot, o); });
    connect(plot, &PlotView::removeRequested, this, [this, plot] { removePlot(plot); });
    connect(plot, &PlotView::channelRemoved, this, [this](ChannelIndex channel) {
        if (isChannelVisible(channel))
            return;
        series_.setWanted(channel, false);
        Q_EMIT channelVisibilityChanged(channel, false);
    });
    connect(plot, &PlotView::channelsDropped, this, [this, plot](const std::vector<ChannelIndex>& channels) {
        auto_arrange_ = false;
        for (const ChannelIndex channel : channels)
            attachChannel(plot, channel);
    });
}

PlotView* PlotArea::placeFor(ChannelIndex channel)
{
    if (!auto_arrange_)
        return current_;
    const QString group = channelGroup(series_.name(channel));
    for (PlotView* plot : plots())
        for (const ChannelIndex other : plot->channels())
            if (channelGroup(series_.name(other)) == group)
                return plot;
    if (current_->channels().empty() && current_->pendingChannels().isEmpty())
        return current_;
    PlotView* plot = createPlot();
    root_->addWidget(plot);
    shareRootEqually();
    return plot;
}

void PlotArea::shareRootEqually() { root_->setSizes(QList<int>(root_->count(), 1)); }

PlotView* PlotArea::addPlot()
{
    auto_arrange_ = false;
    PlotView* plot = createPlot();
    root_->addWidget(plot);
    shareRootEqually();
    setCurrentPlot(plot);
    return plot;
}

PlotView* PlotArea::splitPlot(PlotView* plot, Qt::Orientation orientation)
{
    auto_arrange_ = false;
    auto* parent = qobject_cast<QSplitter*>(plot->parentWidget());
    Q_ASSERT(parent);
    const int index = parent->indexOf(plot);
    PlotView* fresh = createPlot();
    QList<int> sizes = parent->sizes();
    if (parent->orientation() == orientation) {
        const int half = sizes[index] / 2;
        parent->insertWidget(index + 1, fresh);
        sizes[index] -= half;
        sizes.insert(index + 1, half);
        parent->setSizes(sizes);
    } else {
        auto* split = new QSplitter(orientation);
        split->setChildrenCollapsible(false);
        parent->replaceWidget(index, split); // gives `plot` up, keeps its place and size
        split->addWidget(plot);
        split->addWidget(fresh);
        plot->show();
        split->setSizes({1, 1});
        parent->setSizes(sizes);
    }
    setCurrentPlot(fresh);
    return fresh;
}

void PlotArea::removePlot(PlotView* plot)
{
    auto_arrange_ = false;
    const std::vector<ChannelIndex> before = shownChannels();
    if (plots().size() == 1) { // the last plot stays, emptied
        for (const ChannelIndex channel : plot->channels())
            plot->removeChannel(channel);
        plot->setPendingChannels({});
        setVisibleChannels(before);
        return;
    }
    auto* parent = qobject_cast<QSplitter*>(plot->parentWidget());
    forgetPlot(plot);
    // A splitter left with one child gives its place to that child.
    while (parent != root_ && parent->count() <= 1) {
        auto* grand = qobject_cast<QSplitter*>(parent->parentWidget());
        if (parent->count() == 1) {
            QWidget* only = parent->widget(0);
            grand->replaceWidget(grand->indexOf(parent), only);
            only->show();
        }
        parent->hide();
        parent->setParent(nullptr);
        parent->deleteLater();
        parent = grand;
    }
    if (root_->count() == 1) {
        if (auto* nested = qobject_cast<QSplitter*>(root_->widget(0))) {
            root_->setOrientation(nested->orientation());
            while (nested->count() > 0)
                root_->addWidget(nested->widget(0));
            nested->setParent(nullptr);
            nested->deleteLater();
        }
    }
    if (current_ == nullptr)
        setCurrentPlot(plots().front());
    setVisibleChannels(before);
}

void PlotArea::forgetPlot(PlotView* plot)
{
    if (current_ == plot)
        current_ = nullptr;
    plot->disconnect(this);
    plot->hide();
    plot->setParent(nullptr);
    plot->deleteLater(); // it may be in the middle of its own context menu
}

std::vector<PlotView*> PlotArea::plots() const
{
    std::vector<PlotView*> plots;
    collectPlots(root_, plots);
    return plots;
}

void PlotArea::setCurrentPlot(PlotView* plot)
{
    if (plot == current_)
        return;
    if (current_)
        current_->setCurrent(false);
    current_ = plot;
    if (current_)
        current_->setCurrent(true);
}

std::vector<ChannelIndex> PlotArea::shownChannels() const
{
    std::vector<ChannelIndex> shown;
    for (const PlotView* plot : plots())
        for (const ChannelIndex channel : plot->channels())
            if (std::find(shown.begin(), shown.end(), channel) == shown.end())
                shown.push_back(channel);
    return shown;
}

void PlotArea::setVisibleChannels(const std::vector<ChannelIndex>& before)
{
    const std::vector<ChannelIndex> after = shownChannels();
    const std::set<ChannelIndex> was(before.begin(), before.end());
    const std::set<ChannelIndex> is(after.begin(), after.end());
    for (const ChannelIndex channel : was)
        if (!is.contains(channel))
            series_.setWanted(channel, false);
    for (const ChannelIndex channel : is)
        series_.setWanted(channel, true);
    if (is != was)
        series_.pull(); // a channel just shown brings the history the store holds for it
    for (const ChannelIndex channel : was)
        if (!is.contains(channel))
            Q_EMIT channelVisibilityChanged(channel, false);
    for (const ChannelIndex channel : is)
        if (!was.contains(channel))
            Q_EMIT channelVisibilityChanged(channel, true);
    view_changed_ = true;
}

bool PlotArea::isChannelVisible(ChannelIndex channel) const
{
    const auto all = plots();
    return std::any_of(all.begin(), all.end(), [&](const PlotView* plot) { return plot->hasChannel(channel); });
}

bool PlotArea::knowsChannel(ChannelIndex channel)
{
    if (channel >= series_.channelCount())
        series_.pull(); // the channel list may have seen it before the plots did
    return channel < series_.channelCount();
}

void PlotArea::attachChannel(PlotView* plot, ChannelIndex channel)
{
    if (!knowsChannel(channel))
        return;
    const std::vector<ChannelIndex> before = shownChannels();
    plot->addChannel(channel);
    setVisibleChannels(before);
    refresh(); // a first channel may be what sets the time axis
}

void PlotArea::setChannelVisible(ChannelIndex channel, bool visible)
{
    if (!knowsChannel(channel)) {
        wanted_[channel] = visible;
        return;
    }
    if (!visible) {
        const std::vector<ChannelIndex> before = shownChannels();
        for (PlotView* plot : plots()) {
            plot->removeChannel(channel);
            QStringList pending = plot->pendingChannels();
            pending.removeAll(series_.name(channel));
            plot->setPendingChannels(pending);
        }
        setVisibleChannels(before);
        refresh();
        return;
    }
    if (isChannelVisible(channel))
        return;
    // A restored layout that names the channel has a place for it.
    for (PlotView* plot : plots())
        if (plot->pendingChannels().contains(series_.name(channel))) {
            attachChannel(plot, channel);
            return;
        }
    attachChannel(placeFor(channel), channel);
}

void PlotArea::setWindow(std::chrono::milliseconds window)
{
    window_ = std::clamp(window, kMinWindow, kMaxWindow);
    updateWindowBox();
    view_changed_ = true;
}

void PlotArea::setPaused(bool paused)
{
    const bool following = !paused;
    if (following != following_) {
        following_ = following;
        follow_button_->setChecked(following_);
        view_changed_ = true;
        Q_EMIT pausedChanged(paused);
    }
    if (following_)
        refresh();
}

void PlotArea::stopFollowing() { setPaused(true); }

void PlotArea::setViewRange(TimeNs left, TimeNs right)
{
    if (right - left < kMinSpanNs) {
        const TimeNs middle = left + (right - left) / 2;
        left = middle - kMinSpanNs / 2;
        right = left + kMinSpanNs;
    }
    if (right - left > maxSpan())
        return;
    stopFollowing();
    left_ = left;
    right_ = right;
    view_changed_ = true;
    redraw();
}

TimeNs PlotArea::maxSpan() const
{
    const PlotArchive* archive = series_.archive();
    return archive ? std::max(kMaxSpanNs, 2 * (archive->endTime() - archive->startTime())) : kMaxSpanNs;
}

void PlotArea::zoomTime(TimeNs anchor, double factor)
{
    const auto scaled = [&](TimeNs t) { return anchor + static_cast<TimeNs>(static_cast<double>(t - anchor) * factor); };
    setViewRange(scaled(left_), scaled(right_));
}

void PlotArea::panTime(TimeNs delta) { setViewRange(left_ + delta, right_ + delta); }

void PlotArea::setCursorTime(std::optional<TimeNs> time)
{
    cursor_ = time;
    for (PlotView* plot : plots()) {
        plot->setCursorTime(time);
        plot->requestReplot();
    }
    updateCursorLabel();
}

void PlotArea::updateCursorLabel()
{
    cursor_label_->setText(cursor_ ? QStringLiteral("Cursor %1").arg(formatClock(*cursor_)) : QString());
}

void PlotArea::refresh()
{
    if (!series_.hasSource())
        return;
    const std::size_t known = series_.channelCount();
    const PlotSeriesSet::PullResult pulled = series_.pull();
    if (pulled.new_channels > 0) {
        const std::vector<ChannelIndex> before = shownChannels();
        for (PlotView* plot : plots())
            plot->attachPendingChannels();
        for (std::size_t i = known; i < series_.channelCount(); ++i) {
            const auto channel = static_cast<ChannelIndex>(i);
            const auto wanted = wanted_.find(channel);
            if (!isChannelVisible(channel) && (wanted == wanted_.end() ? default_visible_ : wanted->second))
                placeFor(channel)->addChannel(channel);
        }
        setVisibleChannels(before);
    }
    const std::optional<TimeNs> newest = series_.newestTime();
    if (!newest)
        return;
    if (!has_origin_) { // keys are seconds from a whole hour, so that doubles keep nanoseconds
        origin_ = *newest - *newest % kHourNs;
        has_origin_ = true;
    }
    if (following_) {
        const TimeNs window = window_.count() * kNsPerMs;
        view_changed_ = view_changed_ || right_ != *newest || right_ - left_ != window;
        right_ = *newest;
        left_ = *newest - window;
    } else if (pulled.earliest_new && *pulled.earliest_new <= right_) {
        view_changed_ = true; // new points inside the frozen view (a paused plot that has not filled yet)
    }
    if (view_changed_)
        redraw();
}

void PlotArea::redraw()
{
    if (!has_origin_)
        return;
    const std::vector<PlotView*> all = plots();
    int left_margin = 0;
    for (PlotView* plot : all) {
        // One time axis: only the plots at the bottom label it, which leaves the others more height
        // (and saves formatting dozens of local-time labels a frame).
        const bool at_bottom = plot->mapTo(root_, QPoint(0, plot->height())).y() >= root_->height() - 1;
        plot->xAxis->setTickLabels(at_bottom || !root_->isVisible());
        plot->draw(left_, right_, origin_);
        left_margin = std::max(left_margin, plot->neededLeftMargin());
    }
    // Separate widgets, one time axis: equal left margins line the plots' time axes up. A plot whose
    // margin moved is drawn again, so that its pixel columns and the mouse map to the right times.
    for (PlotView* plot : all) {
        if (plot->setMinimumLeftMargin(left_margin))
            plot->draw(left_, right_, origin_);
        plot->requestReplot();
    }
    view_changed_ = false;
    ++frames_drawn_;
}

} // namespace streamscope::widgets
