#include "widgets/channel_tree_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace streamscope;
using namespace streamscope::widgets;

namespace {

void addSamples(ChannelStore& store, ChannelIndex channel, int count, double value)
{
    ChannelStore::Writer writer(store);
    for (int i = 0; i < count; ++i)
        writer.add(channel, i, value);
}

} // namespace

class TestChannelTreeModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsChannelsUnderTheirSourceWithLiveValues()
    {
        ChannelStore store;
        const ChannelIndex temp = store.addChannel({"udp:0.0.0.0:9000", "temp", "degC"});
        const ChannelIndex hum = store.addChannel({"udp:0.0.0.0:9000", "hum", "%"});
        const ChannelIndex beat = store.addChannel({"demo", "heartbeat", {}});
        addSamples(store, temp, 10, 21.5);
        addSamples(store, beat, 3, 7.0);

        ChannelTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(&store);

        QCOMPARE(model.rowCount(), 2);
        const QModelIndex udp = model.index(0, 0);
        QCOMPARE(udp.data().toString(), QStringLiteral("udp:0.0.0.0:9000"));
        QCOMPARE(model.rowCount(udp), 2);
        QCOMPARE(model.index(0, ChannelTreeModel::NameColumn, udp).data().toString(), QStringLiteral("temp"));
        QCOMPARE(model.index(0, ChannelTreeModel::ValueColumn, udp).data().toString(), QStringLiteral("21.5"));
        QCOMPARE(model.index(0, ChannelTreeModel::UnitColumn, udp).data().toString(), QStringLiteral("degC"));
        QCOMPARE(model.index(0, ChannelTreeModel::CountColumn, udp).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(1, ChannelTreeModel::NameColumn, udp).data().toString(), QStringLiteral("hum"));
        // No sample yet: no value (NaN is for a channel whose last sample was NaN).
        QCOMPARE(model.index(1, ChannelTreeModel::ValueColumn, udp).data().toString(), QString());
        const QModelIndex demo = model.index(1, 0);
        QCOMPARE(model.index(0, 0, demo).data(ChannelTreeModel::ChannelIndexRole).value<ChannelIndex>(), beat);
        QCOMPARE(model.index(0, 0, demo).parent(), demo);
        QVERIFY(model.index(0, 0, demo).data(Qt::DecorationRole).canConvert<QColor>());
        QCOMPARE(hum, ChannelIndex(1));
    }

    void newChannelsAndValuesArriveOnRefresh()
    {
        ChannelStore store;
        ChannelTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(&store);
        QCOMPARE(model.rowCount(), 0);

        const ChannelIndex a = store.addChannel({"s", "a", {}});
        addSamples(store, a, 5, 1.0);
        model.refresh();
        QCOMPARE(model.rowCount(model.index(0, 0)), 1);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        addSamples(store, a, 5, 2.0);
        store.addChannel({"s", "b", {}});
        model.refresh();
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.index(0, ChannelTreeModel::ValueColumn, model.index(0, 0)).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(0, ChannelTreeModel::CountColumn, model.index(0, 0)).data().toString(), QStringLiteral("10"));
        QVERIFY(!changed.isEmpty());
    }

    void checkBoxesChooseWhatIsPlottedAndOnlyTheFirstChannelsStartChecked()
    {
        ChannelStore store;
        for (int i = 0; i < 5; ++i)
            store.addChannel({"s", "ch" + std::to_string(i), {}});
        ChannelTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAutoCheckLimit(3);
        QSignalSpy checked(&model, &ChannelTreeModel::channelCheckedChanged);
        model.setStore(&store);
        QCOMPARE(checked.count(), 3);
        QVERIFY(model.isChannelChecked(2));
        QVERIFY(!model.isChannelChecked(3));

        const QModelIndex fourth = model.index(3, ChannelTreeModel::NameColumn, model.index(0, 0));
        QVERIFY(model.flags(fourth) & Qt::ItemIsUserCheckable);
        QVERIFY(model.setData(fourth, Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.isChannelChecked(3));
        QCOMPARE(checked.last().at(0).value<ChannelIndex>(), ChannelIndex(3));
        QCOMPARE(checked.last().at(1).toBool(), true);
        QCOMPARE(fourth.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QVERIFY(!model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole)); // a source row
    }
};

QTEST_GUILESS_MAIN(TestChannelTreeModel)
#include "test_channel_tree_model.moc"
