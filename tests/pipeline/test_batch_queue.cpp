#include "core/pipeline/batch_publisher.h"
#include "core/pipeline/batch_queue.h"
#include "core/protocol/channel_table.h"

#include <QTest>

#include <atomic>
#include <set>
#include <thread>

using namespace streamscope;

class TestBatchQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void holdsAtMostItsCapacityInFlight()
    {
        BatchQueue queue(3);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(queue.beginWrite() != nullptr);
            queue.commitWrite();
        }
        QCOMPARE(queue.beginWrite(), nullptr);
        QCOMPARE(queue.inFlight(), std::size_t{3});
        QVERIFY(queue.front() != nullptr);
        QCOMPARE(queue.beginWrite(), nullptr); // a batch being read is still in flight
        queue.pop();
        QCOMPARE(queue.inFlight(), std::size_t{2});
        QVERIFY(queue.beginWrite() != nullptr);
    }

    void beginWriteWithoutCommitKeepsTheSameBatch()
    {
        BatchQueue queue(4);
        SampleBatch* batch = queue.beginWrite();
        QCOMPARE(queue.beginWrite(), batch);
        QCOMPARE(queue.front(), nullptr);
    }

    void deliversBatchesInOrder()
    {
        BatchQueue queue(4);
        for (SourceId source = 0; source < 3; ++source) {
            queue.beginWrite()->source = source;
            queue.commitWrite();
        }
        for (SourceId source = 0; source < 3; ++source) {
            QCOMPARE(queue.front()->source, source);
            queue.pop();
        }
        QCOMPARE(queue.front(), nullptr);
    }

    // The point of pooling: a consumer that keeps up means one or two batches in use, whatever the
    // capacity, and their grown vectors are refilled without allocating.
    void aConsumerThatKeepsUpReusesTheSameFewBatches()
    {
        BatchQueue queue(4096);
        std::set<SampleBatch*> used;
        const Sample* storage = nullptr;
        for (int i = 0; i < 1000; ++i) {
            SampleBatch* batch = queue.beginWrite();
            used.insert(batch);
            batch->clear();
            batch->samples.resize(1000);
            if (i > 0)
                QCOMPARE(batch->samples.data(), storage);
            storage = batch->samples.data();
            queue.commitWrite();
            queue.pop();
        }
        QCOMPARE(used.size(), std::size_t{1});
    }

    void twoThreadsLoseAndDuplicateNothing()
    {
        constexpr std::uint64_t kBatches = 200'000;
        BatchQueue queue(16);
        std::atomic<bool> done{false};
        std::uint64_t dropped = 0;
        std::thread producer([&] {
            for (std::uint64_t i = 0; i < kBatches; ++i) {
                SampleBatch* batch = queue.beginWrite();
                if (batch == nullptr) {
                    ++dropped;
                    continue;
                }
                batch->clear();
                batch->samples.push_back({static_cast<TimeNs>(i), 0.0, 0});
                queue.commitWrite();
            }
            done = true;
        });
        std::uint64_t received = 0;
        TimeNs last = -1;
        bool ordered = true;
        for (;;) {
            const bool finished = done.load();
            while (SampleBatch* batch = queue.front()) {
                ordered = ordered && batch->samples.size() == 1 && batch->samples[0].time_ns > last;
                last = batch->samples[0].time_ns;
                ++received;
                queue.pop();
            }
            if (finished)
                break;
        }
        producer.join();
        QVERIFY(ordered);
        QCOMPARE(received + dropped, kBatches);
    }

    void publisherCountsDroppedSamplesWhenTheRingIsFull()
    {
        BatchQueue ring(1);
        BatchPublisher publisher(ring);
        ChannelTable channels;
        const LocalChannelId a = *channels.intern("a");

        SampleBatch& first = publisher.begin(0);
        first.samples.push_back({1, 1.0, a});
        QCOMPARE(publisher.commit(channels), std::size_t(0));

        SampleBatch& second = publisher.begin(0); // ring full: a scratch batch
        second.samples.push_back({2, 2.0, a});
        second.samples.push_back({3, 3.0, a});
        QCOMPARE(publisher.commit(channels), std::size_t(2));

        QCOMPARE(ring.front()->samples.size(), std::size_t(1));
        QCOMPARE(ring.front()->announcements.size(), std::size_t(1));
        QCOMPARE(ring.front()->announcements[0].name, std::string("a"));
    }

    void namesFromADroppedBatchAreAnnouncedAgain()
    {
        BatchQueue ring(1);
        BatchPublisher publisher(ring);
        ChannelTable channels;
        QVERIFY(ring.beginWrite() != nullptr); // fill the queue
        ring.commitWrite();

        SampleBatch& dropped = publisher.begin(0);
        dropped.samples.push_back({1, 1.0, *channels.intern("late")});
        QCOMPARE(publisher.commit(channels), std::size_t(1));
        QVERIFY(ring.front() != nullptr);
        ring.pop();

        SampleBatch& next = publisher.begin(0);
        next.samples.push_back({2, 2.0, *channels.intern("late")});
        QCOMPARE(publisher.commit(channels), std::size_t(0));
        QCOMPARE(ring.front()->announcements.size(), std::size_t(1));
        QCOMPARE(ring.front()->announcements[0].name, std::string("late"));
        QVERIFY(!channels.hasPendingAnnouncements());
    }
};

QTEST_GUILESS_MAIN(TestBatchQueue)
#include "test_batch_queue.moc"
