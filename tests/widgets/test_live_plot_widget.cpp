#include "widgets/live_plot_widget.h"

#include <QApplication>
#include <QTest>
#include <qcustomplot.h>

using namespace streamscope;
using namespace streamscope::widgets;

namespace {

constexpr TimeNs kSecond = 1'000'000'000;
constexpr TimeNs kStart = 1'700'000'000 * kSecond;
const QColor kFirstCurve(0, 114, 178);

// Fills `channel` with a value that is `low` for the first half of [from, to) and `high` after.
void addStep(ChannelStore& store, ChannelIndex channel, TimeNs from, TimeNs to, double low, double high)
{
    ChannelStore::Writer writer(store);
    for (TimeNs t = from; t < to; t += kSecond / 100)
        writer.add(channel, t, t < from + (to - from) / 2 ? low : high);
}

// Of the same hue as `colour`: antialiasing blends a thin curve with the white background, so compare
// the pixel's hue and require it to be clearly coloured (the grid and axes are grey).
bool near(QColor pixel, QColor colour)
{
    return pixel.hsvSaturation() > 60 && std::abs(pixel.hsvHue() - colour.hsvHue()) < 12;
}

// Rows of `image` in which a pixel of (nearly) `colour` appears within the columns.
QList<int> rowsWithColour(const QImage& image, QColor colour, int first_column, int last_column)
{
    QList<int> rows;
    for (int y = 0; y < image.height(); ++y)
        for (int x = first_column; x <= last_column; ++x)
            if (near(image.pixelColor(x, y), colour)) {
                rows << y;
                break;
            }
    return rows;
}

} // namespace

class TestLivePlotWidget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsEachChannelAsACurveFollowingTheNewestData()
    {
        ChannelStore store;
        const ChannelIndex step = store.addChannel({"test", "step", {}});
        store.addChannel({"test", "flat", {}});
        addStep(store, step, kStart, kStart + 10 * kSecond, 0.0, 10.0);

        LivePlotWidget widget;
        widget.resize(800, 600);
        widget.setWindow(std::chrono::seconds(10));
        widget.setStore(&store);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.refresh();

        QCOMPARE(widget.plot()->graphCount(), 2);
        QCOMPARE(widget.plot()->axisRectCount(), 2); // one row per channel
        QCOMPARE(widget.plot()->graph(0)->valueAxis()->label(), QStringLiteral("step"));
        QCOMPARE(widget.plot()->graph(0)->name(), QStringLiteral("step"));
        const int columns = widget.plot()->graph(0)->keyAxis()->axisRect()->width();
        QVERIFY(widget.plot()->graph(0)->data()->size() > 0);
        QVERIFY(widget.plot()->graph(0)->data()->size() <= 4 * columns);
        QCOMPARE(widget.plot()->graph(1)->data()->size(), 0);
        const double newest = static_cast<double>(kStart + 10 * kSecond - kSecond / 100) * 1e-9;
        QCOMPARE(widget.plot()->graph(0)->keyAxis()->range().upper, newest);
        QCOMPARE(widget.plot()->graph(0)->keyAxis()->range().size(), 10.0);

        // The rendered curve is low on the left half and high on the right half of the plot.
        widget.plot()->replot();
        const QImage image = widget.plot()->toPixmap().toImage();
        const QRect area = widget.plot()->graph(0)->keyAxis()->axisRect()->rect();
        const QList<int> left = rowsWithColour(image, kFirstCurve, area.left() + 20, area.center().x() - 20);
        const QList<int> right = rowsWithColour(image, kFirstCurve, area.center().x() + 20, area.right() - 20);
        QVERIFY2(!left.isEmpty() && !right.isEmpty(), "the curve was not drawn");
        QVERIFY2(left.first() > area.center().y(), "low values belong in the lower half");
        QVERIFY2(right.last() < area.center().y(), "high values belong in the upper half");
    }

    void pausedViewFreezesAndCatchesUpOnResume()
    {
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"test", "x", {}});
        addStep(store, c, kStart, kStart + kSecond, 1.0, 1.0);
        LivePlotWidget widget;
        widget.setStore(&store);
        widget.refresh();
        const double frozen_right = widget.plot()->graph(0)->keyAxis()->range().upper;

        widget.setPaused(true);
        addStep(store, c, kStart + kSecond, kStart + 2 * kSecond, 2.0, 2.0);
        widget.refresh();
        QCOMPARE(widget.plot()->graph(0)->keyAxis()->range().upper, frozen_right);
        QCOMPARE((widget.plot()->graph(0)->data()->constEnd() - 1)->value, 1.0);

        widget.setPaused(false);
        widget.refresh();
        QVERIFY(widget.plot()->graph(0)->keyAxis()->range().upper > frozen_right);
        QCOMPARE((widget.plot()->graph(0)->data()->constEnd() - 1)->value, 2.0);
    }

    void dropsPointsThatLeaveTheWindow()
    {
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"test", "x", {}});
        addStep(store, c, kStart, kStart + 30 * kSecond, 0.0, 1.0);
        LivePlotWidget widget;
        widget.setWindow(std::chrono::seconds(5));
        widget.setStore(&store);
        widget.refresh();
        const QCPRange keys = widget.plot()->graph(0)->keyAxis()->range();
        QCOMPARE(keys.size(), 5.0);
        // The first pixel column on the time grid may begin up to one column before the window.
        const double column_s = keys.size() / widget.plot()->graph(0)->keyAxis()->axisRect()->width();
        QVERIFY(widget.plot()->graph(0)->data()->constBegin()->key >= keys.lower - column_s);
    }

    void hiddenChannelsGiveUpTheirRow()
    {
        ChannelStore store;
        for (int i = 0; i < 3; ++i)
            addStep(store, store.addChannel({"test", "ch" + std::to_string(i), {}}), kStart, kStart + kSecond, 0, 1);
        LivePlotWidget widget;
        widget.setStore(&store);
        widget.refresh();
        QCOMPARE(widget.plot()->plotLayout()->elementCount(), 3);
        widget.setChannelVisible(1, false);
        QCOMPARE(widget.plot()->plotLayout()->elementCount(), 2);
        QVERIFY(!widget.plot()->graph(1)->keyAxis()->axisRect()->visible());
        // The bottom visible row is the one that labels the time axis.
        QVERIFY(widget.plot()->graph(2)->keyAxis()->tickLabels());
        QVERIFY(!widget.plot()->graph(0)->keyAxis()->tickLabels());
        widget.setChannelVisible(2, false);
        QVERIFY(widget.plot()->graph(0)->keyAxis()->tickLabels());
        widget.setChannelVisible(1, true);
        QCOMPARE(widget.plot()->plotLayout()->elementCount(), 2);
        QVERIFY(widget.plot()->graph(1)->keyAxis()->tickLabels());

        widget.setDefaultVisible(false);
        store.addChannel({"test", "late", {}});
        widget.refresh();
        QVERIFY(!widget.isChannelVisible(3));
        widget.setStore(nullptr); // deletes hidden rows too (ASan would report a leak)
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
        LivePlotWidget widget;
        widget.resize(1000, 300);
        widget.setWindow(std::chrono::seconds(10));
        widget.setStore(&store);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.refresh();

        const QCPGraph* graph = widget.plot()->graph(0);
        const int columns = graph->keyAxis()->axisRect()->width();
        QVERIFY2(graph->data()->size() <= 4 * columns, qPrintable(QString::number(graph->data()->size())));
        double highest = 0;
        for (const QCPGraphData& point : *graph->data())
            highest = std::max(highest, point.value);
        QCOMPARE(highest, 100.0);
        QVERIFY(graph->valueAxis()->range().upper > 100.0);
    }
};

int main(int argc, char** argv)
{
    // Widget tests render on the offscreen platform whatever display the machine has.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestLivePlotWidget test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_live_plot_widget.moc"
