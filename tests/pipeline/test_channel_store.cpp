#include "core/pipeline/channel_store.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace streamscope;

class TestChannelStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void totalsCoverFiniteValuesAndCountTheRest()
    {
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"udp:test", "temp", "degC"});
        {
            ChannelStore::Writer writer(store);
            writer.add(c, 10, 2.0);
            writer.add(c, 20, std::numeric_limits<double>::quiet_NaN());
            writer.add(c, 30, 4.0);
            writer.add(c, 40, -std::numeric_limits<double>::infinity());
            writer.add(c, 50, 9.0);
        }
        const ChannelTotals t = store.snapshot().at(0).totals;
        QCOMPARE(t.count, std::uint64_t(5));
        QCOMPARE(t.non_finite, std::uint64_t(2));
        QCOMPARE(t.min, 2.0);
        QCOMPARE(t.max, 9.0);
        QCOMPARE(t.mean, 5.0);
        QCOMPARE(t.last, 9.0);
        QCOMPARE(t.first_time_ns, TimeNs(10));
        QCOMPARE(t.last_time_ns, TimeNs(50));
    }

    void historyKeepsTheNewestPointsWithinItsBound()
    {
        ChannelStore store(5);
        const ChannelIndex c = store.addChannel({"s", "x", {}});
        {
            ChannelStore::Writer writer(store);
            for (int i = 0; i < 12; ++i)
                writer.add(c, i, i * 10.0);
        }
        const HistorySlice slice = store.readHistorySince(c, 0);
        QCOMPARE(slice.missed, std::uint64_t(7));
        QCOMPARE(slice.next_sequence, std::uint64_t(12));
        QCOMPARE(slice.times, (std::vector<TimeNs>{7, 8, 9, 10, 11}));
        QCOMPARE(slice.values, (std::vector<double>{70, 80, 90, 100, 110}));
    }

    void readersGetOnlyWhatIsNewSinceTheirLastRead()
    {
        ChannelStore store(100);
        const ChannelIndex c = store.addChannel({"s", "x", {}});
        {
            ChannelStore::Writer writer(store);
            writer.add(c, 1, 1.0);
            writer.add(c, 2, 2.0);
        }
        const HistorySlice first = store.readHistorySince(c, 0);
        QCOMPARE(first.times.size(), std::size_t(2));
        {
            ChannelStore::Writer writer(store);
            writer.add(c, 3, 3.0);
        }
        const HistorySlice second = store.readHistorySince(c, first.next_sequence);
        QCOMPARE(second.times, std::vector<TimeNs>{3});
        QCOMPARE(second.missed, std::uint64_t(0));
        QVERIFY(store.readHistorySince(c, second.next_sequence).times.empty());
    }

    void olderTimestampsReachTotalsButNotHistory()
    {
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"s", "x", {}});
        {
            ChannelStore::Writer writer(store);
            writer.add(c, 100, 1.0);
            writer.add(c, 50, 2.0);  // out of order
            writer.add(c, 100, 3.0); // duplicate time: kept
            writer.add(c, 150, 4.0);
        }
        const ChannelTotals t = store.snapshot().at(0).totals;
        QCOMPARE(t.count, std::uint64_t(4));
        QCOMPARE(t.out_of_order, std::uint64_t(1));
        QCOMPARE(t.last_time_ns, TimeNs(150));
        const HistorySlice slice = store.readHistorySince(c, 0);
        QCOMPARE(slice.times, (std::vector<TimeNs>{100, 100, 150}));
        QCOMPARE(slice.values, (std::vector<double>{1.0, 3.0, 4.0}));
    }

    void meanStaysAccurateOverManyValues()
    {
        // The mean's shifted sum: a large offset must not swallow the small variations.
        ChannelStore store;
        const ChannelIndex c = store.addChannel({"s", "x", {}});
        {
            ChannelStore::Writer writer(store);
            for (int i = 0; i < 1'000'000; ++i)
                writer.add(c, i, 1e9 + (i % 2 == 0 ? 1.0 : 3.0));
        }
        QCOMPARE(store.snapshot().at(0).totals.mean, 1e9 + 2.0);
    }
};

QTEST_GUILESS_MAIN(TestChannelStore)
#include "test_channel_store.moc"
