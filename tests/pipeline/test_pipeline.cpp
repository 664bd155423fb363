#include "core/pipeline/batch_publisher.h"
#include "core/pipeline/pipeline.h"
#include "core/protocol/channel_table.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <thread>

using namespace streamscope;

namespace {

// Remembers what the pipeline told it, to check what stages see.
class RecordingStage final : public PipelineStage {
public:
    void channelAdded(ChannelIndex channel, const ChannelInfo& info) override
    {
        added.emplace_back(channel, info.name);
    }
    void process(std::span<const ChannelSample> batch) override
    {
        samples.insert(samples.end(), batch.begin(), batch.end());
    }
    void tick(TimeNs now_ns) override { last_tick = now_ns; ++ticks; }
    void finish() override { ++finished; }

    std::vector<std::pair<ChannelIndex, std::string>> added;
    std::vector<ChannelSample> samples;
    std::atomic<int> ticks{0};
    TimeNs last_tick = 0;
    int finished = 0;
};

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void channelsAreIdentifiedBySourceAndName()
    {
        BatchQueue ring(8);
        ChannelStore store;
        Pipeline pipeline(ring, store);
        pipeline.registerSource(0, "udp:a");
        pipeline.registerSource(1, "udp:b");
        BatchPublisher publisher(ring);
        ChannelTable table_a;
        ChannelTable table_b;

        SampleBatch& a = publisher.begin(0);
        a.samples.push_back({1, 10.0, *table_a.intern("temp")});
        QCOMPARE(publisher.commit(table_a), std::size_t(0));
        SampleBatch& b = publisher.begin(1);
        b.samples.push_back({1, 20.0, *table_b.intern("temp")});
        b.samples.push_back({2, 21.0, *table_b.intern("temp")});
        QCOMPARE(publisher.commit(table_b), std::size_t(0));

        QCOMPARE(pipeline.drainOnce(), std::size_t(2));
        const auto channels = store.snapshot();
        QCOMPARE(channels.size(), std::size_t(2));
        QCOMPARE(channels[0].info.source, std::string("udp:a"));
        QCOMPARE(channels[0].info.name, std::string("temp"));
        QCOMPARE(channels[0].totals.count, std::uint64_t(1));
        QCOMPARE(channels[1].info.source, std::string("udp:b"));
        QCOMPARE(channels[1].totals.count, std::uint64_t(2));
        QCOMPARE(channels[1].totals.last, 21.0);
        QCOMPARE(pipeline.samplesProcessed(), std::uint64_t(3));
    }

    void channelMetadataConvertsValuesOnceBeforeTheStoreAndTheStages()
    {
        BatchQueue ring(8);
        ChannelStore store;
        Pipeline pipeline(ring, store);
        RecordingStage stage;
        pipeline.addStage(&stage);
        pipeline.registerSource(0, "udp:a");
        pipeline.registerSource(1, "udp:b");
        pipeline.setChannelMetadata({{"temp", "Coolant", "degC", 0.5, -10.0}, {"r*", "", "K", 2.0, 0.0}});
        BatchPublisher publisher(ring);
        ChannelTable table_a;
        ChannelTable table_b;

        SampleBatch& a = publisher.begin(0);
        a.samples.push_back({1, 100.0, *table_a.intern("temp")});
        a.samples.push_back({1, -0.0, *table_a.intern("raw")});
        QCOMPARE(publisher.commit(table_a), std::size_t(0));
        SampleBatch& b = publisher.begin(1);
        b.samples.push_back({2, 60.0, *table_b.intern("temp")}); // the same name on another source
        b.samples.push_back({2, std::numeric_limits<double>::infinity(), *table_b.intern("temp")});
        QCOMPARE(publisher.commit(table_b), std::size_t(0));
        QCOMPARE(pipeline.drainOnce(), std::size_t(2));

        QCOMPARE(stage.samples.size(), std::size_t(4));
        QCOMPARE(stage.samples[0].value, 40.0); // 100 * 0.5 - 10
        QVERIFY(std::signbit(stage.samples[1].value)); // not described: bit for bit, even -0.0
        QCOMPARE(stage.samples[2].value, 20.0);
        QCOMPARE(stage.samples[3].value, std::numeric_limits<double>::infinity());
        const auto channels = store.snapshot();
        QCOMPARE(channels.size(), std::size_t(3));
        QCOMPARE(channels[0].info.unit, std::string("degC"));
        QCOMPARE(channels[0].info.display_name, std::string("Coolant"));
        QCOMPARE(channels[0].totals.last, 40.0);
        QCOMPARE(channels[1].info.unit, std::string()); // "r*" is a name, not a glob: matching is exact
        QCOMPARE(channels[2].info.unit, std::string("degC"));
        QCOMPARE(channels[2].totals.max, 20.0);
        QCOMPARE(pipeline.unusedChannelMetadata(), std::vector<std::string>{"r*"});
    }

    void stagesSeeNewChannelsEverySampleTicksAndTheEnd()
    {
        BatchQueue ring(8);
        ChannelStore store;
        Pipeline pipeline(ring, store);
        pipeline.registerSource(0, "src");
        RecordingStage stage;
        pipeline.addStage(&stage);
        pipeline.setClock([] { return TimeNs(123456789); });
        pipeline.start();

        BatchPublisher publisher(ring);
        ChannelTable table;
        SampleBatch& batch = publisher.begin(0);
        batch.samples.push_back({10, 1.0, *table.intern("a")});
        batch.samples.push_back({11, 2.0, *table.intern("b")});
        batch.samples.push_back({12, 3.0, *table.intern("a")});
        QCOMPARE(publisher.commit(table), std::size_t(0));
        QTRY_VERIFY(stage.ticks.load() >= 2); // ticks come without data too
        pipeline.stop();

        QCOMPARE(stage.added.size(), std::size_t(2));
        QCOMPARE(stage.added[0], std::make_pair(ChannelIndex(0), std::string("a")));
        QCOMPARE(stage.added[1], std::make_pair(ChannelIndex(1), std::string("b")));
        QCOMPARE(stage.samples.size(), std::size_t(3));
        QCOMPARE(stage.samples[1].channel, ChannelIndex(1));
        QCOMPARE(stage.samples[2].value, 3.0);
        QCOMPARE(stage.samples[2].channel, ChannelIndex(0));
        QCOMPARE(stage.last_tick, TimeNs(123456789));
        QCOMPARE(stage.finished, 1);
    }

    void threadAppliesEverySampleInOrderAndDrainsOnStop()
    {
        BatchQueue ring(64);
        ChannelStore store(1'000'000);
        Pipeline pipeline(ring, store);
        pipeline.registerSource(0, "test");
        pipeline.start();

        constexpr int kBatches = 2000;
        constexpr int kPerBatch = 100;
        std::thread producer([&] {
            BatchPublisher publisher(ring);
            ChannelTable table;
            const LocalChannelId even = *table.intern("even");
            const LocalChannelId odd = *table.intern("odd");
            std::int64_t n = 0;
            for (int b = 0; b < kBatches; ++b) {
                // Wait for room so that this test measures ordering, not drops.
                while (ring.inFlight() >= ring.capacity())
                    std::this_thread::yield();
                SampleBatch& batch = publisher.begin(0);
                for (int i = 0; i < kPerBatch; ++i, ++n)
                    batch.samples.push_back({n, static_cast<double>(n), n % 2 == 0 ? even : odd});
                if (publisher.commit(table) != 0)
                    qFatal("ring unexpectedly full");
            }
        });
        producer.join();
        pipeline.stop();

        QCOMPARE(pipeline.samplesProcessed(), std::uint64_t(kBatches * kPerBatch));
        for (ChannelIndex c = 0; c < 2; ++c) {
            const HistorySlice slice = store.readHistorySince(c, 0);
            QCOMPARE(slice.times.size(), std::size_t(kBatches * kPerBatch / 2));
            for (std::size_t i = 0; i < slice.times.size(); ++i) {
                const std::int64_t expected = static_cast<std::int64_t>(2 * i + c);
                if (slice.times[i] != expected || slice.values[i] != static_cast<double>(expected))
                    QFAIL(qPrintable(QStringLiteral("channel %1 point %2: got t=%3").arg(c).arg(i).arg(slice.times[i])));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
