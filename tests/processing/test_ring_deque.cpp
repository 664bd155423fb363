#include "core/processing/ring_deque.h"

#include <QTest>

#include <deque>
#include <random>

using namespace streamscope;

class TestRingDeque : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void behavesLikeADequeWithStablePositionsAcrossWrapAndGrowth()
    {
        // Random pushes and pops from both ends, checked against std::deque and against the absolute
        // position every element was given when pushed.
        RingDeque<std::uint64_t> ring;
        std::deque<std::uint64_t> reference;
        std::uint64_t reference_first = 0; // position of reference.front()
        std::mt19937 random(11);
        std::uint64_t next_value = 0;
        for (int step = 0; step < 200000; ++step) {
            const int action = static_cast<int>(random() % 10);
            if (action < 5 || reference.empty()) {
                ring.push_back(next_value);
                reference.push_back(next_value++);
            } else if (action < 8) {
                ring.pop_front();
                reference.pop_front();
                ++reference_first;
            } else {
                ring.pop_back();
                reference.pop_back();
            }
            QCOMPARE(ring.size(), reference.size());
            QCOMPARE(ring.beginPosition(), reference_first);
            QCOMPARE(ring.endPosition(), reference_first + reference.size());
            if (!reference.empty()) {
                QCOMPARE(ring.front(), reference.front());
                QCOMPARE(ring.back(), reference.back());
                const std::size_t probe = random() % reference.size();
                QCOMPARE(ring.at(reference_first + probe), reference[probe]);
            }
        }
    }

    void popBackWhileStopsAtTheFirstElementThatFails()
    {
        RingDeque<int> ring;
        for (int v : {1, 5, 3, 4, 6})
            ring.push_back(v);
        ring.pop_back_while([](int v) { return v >= 4; }); // 6 and 4 go; 3 stops it, 5 before it stays
        QCOMPARE(ring.size(), 3u);
        QCOMPARE(ring.back(), 3);
        ring.pop_back_while([](int) { return true; });
        QVERIFY(ring.empty());
        ring.push_back(7); // positions continue after the popped ones were given back
        QCOMPARE(ring.beginPosition(), std::uint64_t{0});
        QCOMPARE(ring.at(0), 7);
    }
};

QTEST_GUILESS_MAIN(TestRingDeque)
#include "test_ring_deque.moc"
