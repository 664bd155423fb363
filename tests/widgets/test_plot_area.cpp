#include "core/engine.h"
#include "plot_test_support.h"
#include "widgets/channel_colour.h"
#include "widgets/channel_tree_model.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"

#include <QApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QSplitter>
#include <QTest>

#include <map>

using namespace streamscope;
using namespace streamscope::widgets;
using namespace streamscope::plot_test;

namespace {

double keyOf(const PlotView* plot, TimeNs time) { return plot->xAxis->pixelToCoord(plot->pixelOfTime(time)); }

// The plot rendered as the user sees it, and its data rectangle inset by a few pixels (axes, frame).
QImage render(PlotView* plot)
{
    plot->replot();
    return plot->toPixmap().toImage();
}

QRect inner(const PlotView* plot, int left_inset = 4) { return plot->axisRect()->rect().adjusted(left_inset, 4, -4, -4); }

void sendWheel(QWidget* widget, QPointF at, int notches)
{
    QWheelEvent wheel(at, widget->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &wheel);
}

void sendMouse(QWidget* widget, QEvent::Type type, QPointF at, Qt::MouseButtons buttons)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, at, widget->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestPlotArea : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsEachChannelOnItsOwnPlotAndFollowsTheNewestData()
    {
        ChannelStore store;
        const ChannelIndex step = store.addChannel({"test", "step", {}});
        const ChannelIndex fall = store.addChannel({"test", "fall", {}});
        addStep(store, step, kStart, kStart + 10 * kSecond, 0.0, 10.0);
        addStep(store, fall, kStart, kStart + 10 * kSecond, 5.0, -5.0);
        TwoPlots shown(store);
        QVERIFY(shown.exposed);
        PlotArea& area = shown.area;
        PlotView* top = shown.top;
        PlotView* bottom = shown.bottom;
        area.attachChannel(top, step);
        area.attachChannel(bottom, fall);

        const TimeNs newest = kStart + 10 * kSecond - kSecond / 100;
        QCOMPARE(area.viewRight(), newest);
        QCOMPARE(area.viewRight() - area.viewLeft(), 10 * kSecond);
        for (PlotView* plot : {top, bottom}) {
            QCOMPARE(plot->xAxis->range().upper, keyOf(plot, newest));
            QVERIFY(plot->graph(0)->data()->size() <= 4 * plot->axisRect()->width());
        }

        // Each curve is in its own plot, low then high (or high then low), in its own colour.
        const QImage top_image = render(top);
        const QRect t = inner(top);
        const int legend_right = top->legend->outerRect().right() + 4; // the legend shows each colour too
        const QRect t_left(legend_right, t.top(), t.center().x() - 10 - legend_right, t.height());
        const QRect t_right(t.center().x() + 10, t.top(), t.width() / 2 - 10, t.height());
        QVERIFY2(!rowsWithColour(top_image, channelColour(step), t_left).isEmpty(), "the step curve was not drawn");
        QVERIFY(rowsWithColour(top_image, channelColour(step), t_left).first() > t.center().y());
        QVERIFY(rowsWithColour(top_image, channelColour(step), t_right).last() < t.center().y());
        QVERIFY(rowsWithColour(top_image, channelColour(fall), t).isEmpty());
        const QImage bottom_image = render(bottom);
        const QRect b = inner(bottom);
        const int b_legend_right = bottom->legend->outerRect().right() + 4;
        const QRect b_left(b_legend_right, b.top(), b.center().x() - 10 - b_legend_right, b.height());
        QVERIFY(!rowsWithColour(bottom_image, channelColour(fall), b_left).isEmpty());
        QVERIFY(rowsWithColour(bottom_image, channelColour(fall), b_left).last() < b.center().y());
        QVERIFY(rowsWithColour(bottom_image, channelColour(step), b).isEmpty());

        // Five more seconds: the view moves with them.
        addStep(store, step, kStart + 10 * kSecond, kStart + 15 * kSecond, 10.0, 10.0);
        area.refresh();
        QCOMPARE(area.viewRight(), newest + 5 * kSecond);
        QCOMPARE(top->xAxis->range().upper, keyOf(top, newest + 5 * kSecond));
        QCOMPARE(bottom->xAxis->range().upper, top->xAxis->range().upper);
        // The time axes line up although the value labels differ in width; the bottom one is labelled.
        QCOMPARE(top->axisRect()->left(), bottom->axisRect()->left());
        QVERIFY(!top->xAxis->tickLabels());
        QVERIFY(bottom->xAxis->tickLabels());
    }

    void followsTheDemoSourceOfARealEngine()
    {
        Engine engine;
        engine.addDemoSource();
        engine.start();
        PlotArea area;
        area.resize(1000, 1000);
        area.setWindow(std::chrono::seconds(1));
        area.setStore(&engine.store());
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QTRY_VERIFY(area.series().channelCount() >= 3 && area.framesDrawn() > 0);
        const TimeNs first_right = area.viewRight();
        QTRY_VERIFY(area.viewRight() >= first_right + kSecond / 5); // the frame timer follows
        engine.stop();
        area.refresh();

        // Untouched, the area gives each group of channels a plot: temperature.inlet and .outlet share one.
        std::map<QString, PlotView*> plot_of;
        for (PlotView* plot : area.plots())
            for (const ChannelIndex channel : plot->channels())
                plot_of[area.series().name(channel)] = plot;
        QCOMPARE(plot_of.size(), area.series().channelCount()); // every channel is shown, by default
        QCOMPARE(plot_of[QStringLiteral("temperature.inlet")], plot_of[QStringLiteral("temperature.outlet")]);
        QCOMPARE(plot_of[QStringLiteral("vibration.x")], plot_of[QStringLiteral("vibration.y")]);
        QVERIFY(plot_of[QStringLiteral("temperature.inlet")] != plot_of[QStringLiteral("vibration.x")]);
        QVERIFY(plot_of[QStringLiteral("pressure")] != plot_of[QStringLiteral("heartbeat")]);

        // Each curve is drawn in its channel's colour within its plot.
        for (PlotView* plot : area.plots()) {
            const QImage image = render(plot);
            const QRect data = inner(plot).adjusted(plot->legend->outerRect().width() + 4, 0, 0, 0);
            for (const ChannelIndex channel : plot->channels())
                QVERIFY2(!rowsWithColour(image, channelColour(channel), data).isEmpty(),
                         qPrintable(area.series().name(channel)));
        }
    }

    void splitsAddsAndRemovesPlots()
    {
        ChannelStore store;
        ShownArea shown(store);
        PlotArea& area = shown.area;
        QVERIFY(shown.exposed);
        PlotView* first = area.currentPlot();
        PlotView* right = area.splitPlot(first, Qt::Horizontal);
        QCOMPARE(area.currentPlot(), right);
        QTRY_VERIFY(right->isVisible() && first->isVisible());
        QCOMPARE(right->mapTo(&area, QPoint()).y(), first->mapTo(&area, QPoint()).y()); // side by side
        QVERIFY(right->mapTo(&area, QPoint()).x() > first->mapTo(&area, QPoint()).x() + first->width() / 2);

        PlotView* below = area.splitPlot(right, Qt::Vertical);
        QTRY_VERIFY(below->isVisible());
        QCOMPARE(below->mapTo(&area, QPoint()).x(), right->mapTo(&area, QPoint()).x()); // stacked in the right half
        QVERIFY(below->mapTo(&area, QPoint()).y() > right->mapTo(&area, QPoint()).y());
        PlotView* added = area.addPlot();
        QCOMPARE(area.plots(), (std::vector<PlotView*>{first, right, below, added}));

        area.removePlot(right);
        QCOMPARE(area.plots(), (std::vector<PlotView*>{first, below, added}));
        // The right column's splitter held one plot and gave its place to it.
        QCOMPARE(qobject_cast<QSplitter*>(below->parentWidget())->indexOf(below), 1);
        area.removePlot(first);
        area.removePlot(added);
        QCOMPARE(area.plots(), std::vector<PlotView*>{below});
        area.removePlot(below); // the last plot stays, emptied
        QCOMPARE(area.plots().size(), std::size_t{1});
        QCOMPARE(area.currentPlot(), below);
    }

    void zoomAndPanMoveEveryPlotTogether()
    {
        ChannelStore store;
        const ChannelIndex a = store.addChannel({"test", "a", {}});
        const ChannelIndex b = store.addChannel({"test", "b", {}});
        addStep(store, a, kStart, kStart + 20 * kSecond, 0, 1);
        addStep(store, b, kStart, kStart + 20 * kSecond, 0, 100);
        TwoPlots shown(store);
        QVERIFY(shown.exposed);
        PlotArea& area = shown.area;
        PlotView* top = shown.top;
        PlotView* bottom = shown.bottom;
        area.attachChannel(top, a);
        area.attachChannel(bottom, b);
        QSignalSpy paused(&area, &PlotArea::pausedChanged);

        // The wheel over the bottom plot's data zooms time on both, around the mouse.
        const QPointF at(bottom->axisRect()->center());
        const TimeNs anchor = bottom->timeAtPixel(at.x());
        sendWheel(bottom, at, 1);
        QVERIFY(area.isPaused());
        QCOMPARE(paused.count(), 1);
        QVERIFY(std::llabs(area.viewRight() - area.viewLeft() - 8 * kSecond) < kSecond / 1000);
        QVERIFY(std::llabs(bottom->timeAtPixel(at.x()) - anchor) < kSecond / 100);
        QCOMPARE(top->xAxis->range(), bottom->xAxis->range());

        // Dragging the top plot 100 pixels to the right shows earlier times, on both.
        const TimeNs left_before = area.viewLeft();
        const QPointF from(top->axisRect()->center());
        const TimeNs per_100_pixels = top->timeAtPixel(from.x() + 100) - top->timeAtPixel(from.x());
        sendMouse(top, QEvent::MouseButtonPress, from, Qt::LeftButton);
        sendMouse(top, QEvent::MouseMove, from + QPointF(100, 0), Qt::LeftButton);
        sendMouse(top, QEvent::MouseButtonRelease, from + QPointF(100, 0), Qt::NoButton);
        QVERIFY(std::llabs(area.viewLeft() - (left_before - per_100_pixels)) < kSecond / 100);
        QCOMPARE(top->xAxis->range(), bottom->xAxis->range());

        // The wheel over the value axis zooms only that plot's Y range, which then stays fixed.
        const QCPRange top_y = top->yAxis->range();
        const QCPRange bottom_y = bottom->yAxis->range();
        sendWheel(top, QPointF(top->axisRect()->left() - 10, top->axisRect()->center().y()), 1);
        QVERIFY(top->fixedYRange().has_value());
        QVERIFY(top->yAxis->range().size() < top_y.size() * 0.9);
        QCOMPARE(bottom->yAxis->range(), bottom_y);
        area.refresh();
        QVERIFY(top->yAxis->range().size() < top_y.size() * 0.9);

        // Double-click returns to following the newest data.
        QTest::mouseDClick(bottom, Qt::LeftButton, Qt::NoModifier, bottom->axisRect()->center());
        QVERIFY(!area.isPaused());
        QCOMPARE(area.viewRight(), kStart + 20 * kSecond - kSecond / 100);
        QCOMPARE(area.viewRight() - area.viewLeft(), 10 * kSecond);
    }

    void pausedViewStandsStillWhileDataKeepsArriving()
    {
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"test", "x", {}});
        addStep(store, c, kStart, kStart + kSecond, 1.0, 1.0);
        PlotArea area;
        area.setStore(&store);
        area.refresh();
        const TimeNs frozen_right = area.viewRight();
        const double frozen_key = area.currentPlot()->xAxis->range().upper;

        area.setPaused(true);
        addStep(store, c, kStart + kSecond, kStart + 2 * kSecond, 2.0, 2.0);
        area.refresh();
        QCOMPARE(area.viewRight(), frozen_right);
        QCOMPARE(area.currentPlot()->xAxis->range().upper, frozen_key);
        QCOMPARE(area.series().newestTime(), std::optional<TimeNs>(kStart + 2 * kSecond - kSecond / 100));

        area.setPaused(false);
        QCOMPARE(area.viewRight(), kStart + 2 * kSecond - kSecond / 100);
        QCOMPARE((area.currentPlot()->graph(0)->data()->constEnd() - 1)->value, 2.0);
    }

    void windowLengthRunsFromOneSecondToOneHour()
    {
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"test", "x", {}});
        addStep(store, c, kStart, kStart + 30 * kSecond, 0.0, 1.0);
        PlotArea area;
        area.setStore(&store);
        area.setWindow(std::chrono::seconds(5));
        area.refresh();
        QCOMPARE(area.viewRight() - area.viewLeft(), 5 * kSecond);
        const PlotView* plot = area.currentPlot();
        QCOMPARE(plot->xAxis->range().size(), 5.0);
        // Only the window's columns reach the plot (the first may begin one column early).
        const double column_s = 5.0 / plot->axisRect()->width();
        QVERIFY(plot->graph(0)->data()->constBegin()->key >= plot->xAxis->range().lower - column_s);
        area.setWindow(std::chrono::hours(5));
        QCOMPARE(area.window(), PlotArea::kMaxWindow);
        area.setWindow(std::chrono::milliseconds(10));
        QCOMPARE(area.window(), PlotArea::kMinWindow);
    }

    void cursorReadsOutEachChannelsSampleAtItsTime()
    {
        ChannelStore store;
        const ChannelIndex count = store.addChannel({"test", "count", {}});
        const ChannelIndex volts = store.addChannel({"test", "volts", "V"});
        {
            ChannelStore::Writer writer(store);
            for (int i = 0; i < 100; ++i) {
                writer.add(count, kStart + i * kSecond / 10, i);       // 10 Hz
                writer.add(volts, kStart + i * kSecond / 4, 0.5 * i);  // 4 Hz
            }
        }
        TwoPlots shown(store);
        QVERIFY(shown.exposed);
        PlotArea& area = shown.area;
        PlotView* top = shown.top;
        PlotView* bottom = shown.bottom;
        area.attachChannel(top, count);
        area.attachChannel(top, volts);
        area.attachChannel(bottom, volts);

        area.setCursorTime(kStart + 1234 * kSecond / 1000); // nearest: count #12 at 1.2 s, volts #5 at 1.25 s
        QCOMPARE(top->legendText(count), QStringLiteral("count = 12"));
        QCOMPARE(top->legendText(volts), QStringLiteral("volts = 2.5 V"));
        QCOMPARE(top->graphOf(count)->name(), QStringLiteral("count = 12"));
        QCOMPARE(bottom->graphOf(volts)->name(), QStringLiteral("volts = 2.5 V"));

        // Hovering moves the cursor to the time under the mouse, on every plot.
        area.setViewRange(kStart, kStart + 10 * kSecond);
        const QPointF at(top->pixelOfTime(kStart + 5 * kSecond), top->axisRect()->center().y());
        sendMouse(top, QEvent::MouseMove, at, Qt::NoButton);
        QVERIFY(area.cursorTime().has_value());
        QVERIFY(std::llabs(*area.cursorTime() - (kStart + 5 * kSecond)) < kSecond / 20);
        QCOMPARE(top->legendText(count), QStringLiteral("count = 50"));
        QCOMPARE(bottom->legendText(volts), QStringLiteral("volts = 10 V"));
        QVERIFY(top->legendText(count) != QStringLiteral("count"));
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(top, &leave);
        QCOMPARE(area.cursorTime(), std::nullopt);
        QCOMPARE(top->legendText(count), QStringLiteral("count"));
    }

    void droppingChannelsFromTheTreeAttachesThemToThatPlot()
    {
        ChannelStore store;
        store.addChannel({"rig", "a", {}});
        const ChannelIndex b = store.addChannel({"rig", "b", {}});
        const ChannelIndex c = store.addChannel({"rig", "c", {}});
        ChannelTreeModel model;
        model.setStore(&store);
        TwoPlots shown(store);
        QVERIFY(shown.exposed);
        PlotArea& area = shown.area;
        PlotView* top = shown.top;
        PlotView* bottom = shown.bottom;
        area.setCurrentPlot(top);
        QSignalSpy shown_spy(&area, &PlotArea::channelVisibilityChanged);

        const QModelIndex source = model.index(0, 0);
        const QModelIndexList rows = {model.index(1, ChannelTreeModel::NameColumn, source),
                                      model.index(1, ChannelTreeModel::ValueColumn, source),
                                      model.index(2, ChannelTreeModel::NameColumn, source)};
        QVERIFY(model.flags(rows[0]) & Qt::ItemIsDragEnabled);
        QVERIFY(!(model.flags(source) & Qt::ItemIsDragEnabled));
        std::unique_ptr<QMimeData> mime(model.mimeData(rows));
        QVERIFY(mime->hasFormat(QString::fromLatin1(ChannelTreeModel::kChannelMimeType)));
        QCOMPARE(ChannelTreeModel::channelsFromMimeData(mime.get()), (std::vector<ChannelIndex>{b, c}));

        const QPoint at = bottom->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(bottom, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(bottom, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(bottom->channels(), (std::vector<ChannelIndex>{b, c}));
        QVERIFY(top->channels().empty());
        QCOMPARE(area.currentPlot(), bottom);
        QCOMPARE(shown_spy.count(), 2);
        QCOMPARE(shown_spy.at(0).at(1).toBool(), true);

        QMimeData text; // some other payload is refused
        text.setText(QStringLiteral("b"));
        QDragEnterEvent other(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        other.setAccepted(false);
        QApplication::sendEvent(top, &other);
        QVERIFY(!other.isAccepted());
    }

    void checkBoxesPutChannelsOnTheCurrentPlotAndTakeThemOff()
    {
        ChannelStore store;
        const ChannelIndex a = store.addChannel({"rig", "a", {}});
        const ChannelIndex b = store.addChannel({"rig", "b", {}});
        TwoPlots shown(store);
        PlotArea& area = shown.area;
        PlotView* top = shown.top;
        PlotView* bottom = shown.bottom; // the current plot
        area.setChannelVisible(a, true);
        area.setCurrentPlot(top);
        area.setChannelVisible(b, true);
        area.setChannelVisible(a, true); // already shown: stays where it is
        QCOMPARE(bottom->channels(), std::vector<ChannelIndex>{a});
        QCOMPARE(top->channels(), std::vector<ChannelIndex>{b});
        area.attachChannel(top, a);
        area.setChannelVisible(a, false); // off every plot
        QVERIFY(!area.isChannelVisible(a));
        QCOMPARE(top->channels(), std::vector<ChannelIndex>{b});

        // A channel checked before the plots have seen it arrives on the current plot.
        const ChannelIndex late = store.addChannel({"rig", "late", {}});
        area.setChannelVisible(late, true);
        QVERIFY(top->hasChannel(late));
    }

    void millionsOfPointsReachThePlotAsFourPerPixelColumnKeepingEverySpike()
    {
        // One sample of 100 among two million zeros: a plot that thins data by skipping would lose it.
        ChannelStore store(3'000'000);
        const ChannelIndex c = store.addChannel({"test", "dense", {}});
        {
            ChannelStore::Writer writer(store);
            for (TimeNs i = 0; i < 2'000'000; ++i)
                writer.add(c, kStart + i * 5'000, i == 1'234'567 ? 100.0 : 0.0); // 200 kHz for 10 s
        }
        PlotArea area;
        area.resize(1000, 300);
        area.setStore(&store);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.refresh();

        const QCPGraph* graph = area.currentPlot()->graph(0);
        const int columns = area.currentPlot()->axisRect()->width();
        QVERIFY2(graph->data()->size() <= 4 * columns, qPrintable(QString::number(graph->data()->size())));
        double highest = 0;
        for (const QCPGraphData& point : *graph->data())
            highest = std::max(highest, point.value);
        QCOMPARE(highest, 100.0);
        QVERIFY(area.currentPlot()->yAxis->range().upper > 100.0);

        // Zoomed in to 50 µs around the spike: every one of its ten samples is drawn, as a marker.
        const TimeNs spike = kStart + TimeNs{1'234'567} * 5'000;
        area.setViewRange(spike - 25'000, spike + 24'999);
        const PlotView* plot = area.currentPlot();
        for (TimeNs t = spike - 25'000; t <= spike + 24'999; t += 5'000) {
            const double key = plot->xAxis->pixelToCoord(plot->pixelOfTime(t));
            QVERIFY2(graph->data()->findBegin(key - 1e-7, false)->key <= key + 1e-7, "a sample in view was not drawn");
        }
        QVERIFY(graph->data()->size() <= 12); // and the grid column before and after at most
        QCOMPARE(graph->scatterStyle().shape(), QCPScatterStyle::ssDisc);
    }

    void keepsAsMuchHistoryAsTheStoreAndNoneForHiddenChannels()
    {
        ChannelStore store(5'000); // the store keeps 5,000 points a channel
        const ChannelIndex c = store.addChannel({"test", "x", {}});
        PlotArea area;
        area.setStore(&store);
        for (int round = 0; round < 10; ++round) {
            addStep(store, c, kStart + round * 10 * kSecond, kStart + (round + 1) * 10 * kSecond, 0, 1); // 1,000 points
            area.refresh();
        }
        // 10,000 points passed through; the plots keep about what the store keeps.
        QVERIFY(area.series().series(c).size() <= 5'000 + LodSeries::kSuperBlock);
        QVERIFY(area.series().series(c).size() >= 5'000);

        // A channel on no plot keeps no copy; shown again, it has the store's whole history back.
        area.setChannelVisible(c, false);
        QVERIFY(area.series().series(c).empty());
        area.refresh();
        QVERIFY(area.series().series(c).empty());
        area.setChannelVisible(c, true);
        QCOMPARE(area.series().series(c).size(), std::size_t{5'000});
        QCOMPARE(area.series().series(c).lastTime(), kStart + 100 * kSecond - kSecond / 100);
    }
};

int main(int argc, char** argv)
{
    // Widget tests render on the offscreen platform whatever display the machine has.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestPlotArea test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_plot_area.moc"
