#include "core/pipeline/spsc_ring.h"

#include <QTest>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

using namespace streamscope;

namespace {

// Counts live instances to prove the ring constructs its slots once and destroys every one.
struct Counted {
    static inline std::atomic<int> constructed{0};
    static inline std::atomic<int> destroyed{0};
    std::uint64_t value = 0;
    Counted() { ++constructed; }
    Counted(const Counted& other) : value(other.value) { ++constructed; }
    Counted& operator=(const Counted&) = default;
    ~Counted() { ++destroyed; }
};

} // namespace

class TestSpscRing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void holdsExactlyItsCapacity()
    {
        SpscRing<int> ring(4);
        QCOMPARE(ring.capacity(), std::size_t(4));
        for (int i = 0; i < 4; ++i)
            QVERIFY(ring.tryPush(i));
        QVERIFY(!ring.tryPush(99));
        QCOMPARE(ring.sizeApprox(), std::size_t(4));
        QCOMPARE(*ring.front(), 0);
    }

    void emptyRingHasNoFront()
    {
        SpscRing<int> ring(2);
        QVERIFY(ring.front() == nullptr);
        QVERIFY(ring.tryPush(1));
        QVERIFY(ring.front() != nullptr);
        ring.pop();
        QVERIFY(ring.front() == nullptr);
    }

    void keepsOrderAcrossManyWraparounds()
    {
        SpscRing<int> ring(3);
        int next_out = 0;
        int next_in = 0;
        for (int round = 0; round < 1000; ++round) {
            const int burst = 1 + round % 3;
            for (int i = 0; i < burst; ++i)
                QVERIFY(ring.tryPush(next_in++));
            for (int i = 0; i < burst; ++i) {
                QCOMPARE(*ring.front(), next_out++);
                ring.pop();
            }
        }
        QCOMPARE(next_out, 1999); // bursts of 1, 2, 3, ... over 1000 rounds
        QVERIFY(ring.front() == nullptr);
    }

    void slotsAreReusedNotReallocated()
    {
        SpscRing<std::vector<int>> ring(1); // two slots
        std::vector<int>* slot = ring.beginWrite();
        slot->assign(1000, 7);
        ring.commitWrite();
        QCOMPARE(ring.front(), slot);
        ring.pop();
        QVERIFY(ring.tryPush(std::vector<int>{})); // the second slot
        QVERIFY(ring.front() != slot);
        ring.pop();
        std::vector<int>* again = ring.beginWrite(); // back at the first slot
        QCOMPARE(again, slot);
        QVERIFY(again->capacity() >= 1000);
    }

    void constructsSlotsOnceAndDestroysThemAll()
    {
        Counted::constructed = 0;
        Counted::destroyed = 0;
        {
            SpscRing<Counted> ring(8);
            QCOMPARE(Counted::constructed.load(), 9); // capacity + the slack slot
            for (int round = 0; round < 100; ++round) {
                QVERIFY(ring.tryPush(Counted{}));
                QVERIFY(ring.front() != nullptr);
                ring.pop();
            }
        }
        QCOMPARE(Counted::destroyed.load(), Counted::constructed.load());
    }

    void twoThreadsLoseAndDuplicateNothing()
    {
        constexpr std::uint64_t kItems = 2'000'000;
        SpscRing<std::uint64_t> ring(1024);
        std::thread producer([&] {
            for (std::uint64_t i = 0; i < kItems;) {
                if (ring.tryPush(i))
                    ++i;
                else
                    std::this_thread::yield();
            }
        });
        std::uint64_t expected = 0;
        std::uint64_t mismatches = 0;
        while (expected < kItems) {
            if (const std::uint64_t* item = ring.front()) {
                mismatches += *item != expected;
                ++expected;
                ring.pop();
            }
        }
        producer.join();
        QCOMPARE(mismatches, std::uint64_t(0));
        QVERIFY(ring.front() == nullptr);
    }

    void fullRingCountsDropsAndNeverBlocks()
    {
        // The producer never waits: whatever does not fit is counted. Delivered + dropped must equal
        // attempted, and what is delivered stays in order.
        constexpr std::uint64_t kItems = 500'000;
        SpscRing<std::uint64_t> ring(16);
        std::atomic<bool> done{false};
        std::uint64_t dropped = 0;
        std::thread producer([&] {
            for (std::uint64_t i = 0; i < kItems; ++i)
                if (!ring.tryPush(i))
                    ++dropped;
            done = true;
        });
        std::uint64_t delivered = 0;
        std::uint64_t last = 0;
        bool ordered = true;
        for (;;) {
            const bool finished = done.load();
            while (const std::uint64_t* item = ring.front()) {
                ordered = ordered && (delivered == 0 || *item > last);
                last = *item;
                ++delivered;
                ring.pop();
            }
            if (finished)
                break;
            std::this_thread::sleep_for(std::chrono::microseconds(50)); // a slow consumer
        }
        producer.join();
        QVERIFY(ordered);
        QVERIFY2(dropped > 0, "a 16-slot ring with a sleeping consumer should overflow");
        QCOMPARE(delivered + dropped, kItems);
    }
};

QTEST_GUILESS_MAIN(TestSpscRing)
#include "test_spsc_ring.moc"
