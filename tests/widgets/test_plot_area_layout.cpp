#include "plot_test_support.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"

#include <QApplication>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace streamscope;
using namespace streamscope::widgets;
using namespace streamscope::plot_test;

// The plot area's layout for the session file: what it saves, what it restores, what it refuses.
class TestPlotAreaLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void channelsOfARestartedSourceReturnToTheirPlots()
    {
        ChannelStore first;
        const ChannelIndex a = first.addChannel({"demo", "a", {}});
        TwoPlots shown(first);
        shown.area.attachChannel(shown.top, a);

        ChannelStore second; // a new engine: the same names, perhaps other indices
        second.addChannel({"demo", "b", {}});
        const ChannelIndex a_again = second.addChannel({"demo", "a", {}});
        shown.area.setStore(nullptr);
        shown.area.setStore(&second);
        shown.area.setChannelVisible(a_again, true); // the channel tree checks it
        QCOMPARE(shown.top->channels(), std::vector<ChannelIndex>{a_again});
        QVERIFY(shown.bottom->channels().empty());
    }

    void layoutRoundTripsAndAttachesChannelsThatAppearLater()
    {
        ChannelStore store;
        const ChannelIndex a = store.addChannel({"rig", "a", {}});
        const ChannelIndex b = store.addChannel({"rig", "b", {}});
        addStep(store, a, kStart, kStart + kSecond, 0, 1);
        addStep(store, b, kStart, kStart + kSecond, 0, 1);
        QJsonObject saved;
        {
            ShownArea shown(store);
            PlotArea& area = shown.area;
            area.refresh();
            PlotView* top = area.currentPlot();
            PlotView* right = area.splitPlot(top, Qt::Horizontal);
            PlotView* below = area.splitPlot(right, Qt::Vertical);
            area.attachChannel(top, a);
            area.attachChannel(top, b);
            area.attachChannel(below, b);
            right->setFixedYRange({-2.5, 7.0});
            area.setWindow(std::chrono::seconds(30));
            saved = area.saveLayout();
            below->setPendingChannels({QStringLiteral("later")}); // a name no channel has yet
            saved = area.saveLayout();
        }
        const QJsonObject root = saved[QStringLiteral("plots")].toObject();
        QCOMPARE(saved[QStringLiteral("window_ms")].toInt(), 30'000);
        QCOMPARE(root[QStringLiteral("split")].toString(), QStringLiteral("vertical"));
        const QJsonObject row = root[QStringLiteral("children")][0].toObject();
        QCOMPARE(row[QStringLiteral("split")].toString(), QStringLiteral("horizontal"));
        QCOMPARE(row[QStringLiteral("children")][0][QStringLiteral("channels")].toArray(),
                 (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));

        ShownArea shown(store);
        PlotArea& area = shown.area;
        QSignalSpy visibility(&area, &PlotArea::channelVisibilityChanged);
        QString error;
        QVERIFY2(area.restoreLayout(saved, &error), qPrintable(error));
        QCOMPARE(area.saveLayout()[QStringLiteral("plots")].toObject().size(), root.size());
        QCOMPARE(area.saveLayout()[QStringLiteral("window_ms")], saved[QStringLiteral("window_ms")]);
        const std::vector<PlotView*> plots = area.plots();
        QCOMPARE(plots.size(), std::size_t{3});
        QCOMPARE(plots[0]->channels(), (std::vector<ChannelIndex>{a, b}));
        QVERIFY(plots[1]->channels().empty());
        QCOMPARE(plots[1]->fixedYRange()->lower, -2.5);
        QCOMPARE(plots[1]->fixedYRange()->upper, 7.0);
        QCOMPARE(plots[2]->channels(), std::vector<ChannelIndex>{b});
        QCOMPARE(visibility.count(), 2); // a and b went on plots
        auto without_sizes = [](QJsonObject layout) {
            QJsonObject plots = layout[QStringLiteral("plots")].toObject();
            plots.remove(QStringLiteral("sizes"));
            QJsonObject row = plots[QStringLiteral("children")][0].toObject();
            row.remove(QStringLiteral("sizes"));
            QJsonArray children = plots[QStringLiteral("children")].toArray();
            children[0] = row;
            plots[QStringLiteral("children")] = children;
            layout[QStringLiteral("plots")] = plots;
            return layout;
        };
        QCOMPARE(without_sizes(area.saveLayout()), without_sizes(saved));

        // The channel named "later" goes on its plot when it appears.
        const ChannelIndex later = store.addChannel({"rig", "later", {}});
        area.refresh();
        QCOMPARE(plots[2]->channels(), (std::vector<ChannelIndex>{b, later}));
        QVERIFY(plots[2]->pendingChannels().isEmpty());
    }

    void malformedLayoutIsRefusedNamingTheValueAndChangesNothing()
    {
        ChannelStore store;
        ShownArea shown(store);
        PlotArea& area = shown.area;
        area.splitPlot(area.currentPlot(), Qt::Horizontal);
        const QJsonObject before = area.saveLayout();
        QJsonObject bad = before;
        QJsonObject plots = bad[QStringLiteral("plots")].toObject();
        QJsonArray children = plots[QStringLiteral("children")].toArray();
        // The one child of the root is the horizontal split; break its second plot's Y range.
        QJsonObject split = children[0].toObject();
        QJsonArray pair = split[QStringLiteral("children")].toArray();
        QJsonObject plot = pair[1].toObject();
        plot[QStringLiteral("y_range")] = QJsonArray{5.0, 1.0};
        pair[1] = plot;
        split[QStringLiteral("children")] = pair;
        children[0] = split;
        plots[QStringLiteral("children")] = children;
        bad[QStringLiteral("plots")] = plots;

        QString error;
        QVERIFY(!area.restoreLayout(bad, &error));
        QCOMPARE(error, QStringLiteral("plot layout: plots.children[0].children[1].y_range: expected \"auto\" or "
                                       "[low, high] with low < high"));
        QCOMPARE(area.saveLayout(), before);

        bad = before;
        bad[QStringLiteral("window_ms")] = 7'200'000;
        QVERIFY(!area.restoreLayout(bad, &error));
        QCOMPARE(error, QStringLiteral("plot layout: window_ms: expected 1000 to 3600000, got 7200000"));
    }
};

int main(int argc, char** argv)
{
    // Widget tests render on the offscreen platform whatever display the machine has.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestPlotAreaLayout test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_plot_area_layout.moc"
