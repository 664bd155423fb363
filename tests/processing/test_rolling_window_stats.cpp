#include "core/processing/rolling_window_stats.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace streamscope;

namespace {

struct Point {
    TimeNs time_ns;
    double value;
};

// The definition, computed the slow way: every sample with time in (newest - window, newest].
StatisticsSummary naiveWindow(const std::vector<Point>& points, std::size_t newest, TimeNs window_ns)
{
    StatisticsSummary s;
    std::vector<double> finite;
    const TimeNs cutoff = points[newest].time_ns - window_ns;
    for (std::size_t j = 0; j <= newest; ++j) {
        if (points[j].time_ns <= cutoff)
            continue;
        ++s.count;
        if (std::isfinite(points[j].value))
            finite.push_back(points[j].value);
        else
            ++s.non_finite;
    }
    if (finite.empty())
        return s;
    s.min = *std::min_element(finite.begin(), finite.end());
    s.max = *std::max_element(finite.begin(), finite.end());
    double sum = 0;
    for (double v : finite)
        sum += v;
    s.mean = sum / static_cast<double>(finite.size());
    double squares = 0;
    for (double v : finite)
        squares += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(squares / static_cast<double>(finite.size()));
    return s;
}

bool closeRelative(double actual, double expected, double scale)
{
    return std::abs(actual - expected) <= 1e-9 * std::max(std::abs(expected), scale);
}

// Sorted times with steady steps, bursts of equal timestamps and gaps longer than the window.
std::vector<Point> randomStream(std::size_t count, double nan_probability, unsigned seed)
{
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> value(-50.0, 150.0);
    std::uniform_int_distribution<TimeNs> step(0, 20'000'000);
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    std::vector<Point> points;
    TimeNs t = 1'700'000'000'000'000'000;
    for (std::size_t i = 0; i < count; ++i) {
        const double roll = chance(random);
        if (roll < 0.002)
            t += 3'000'000'000; // a gap longer than the window empties it
        else if (roll > 0.1)
            t += step(random); // otherwise: a burst sharing the previous timestamp
        const double v = chance(random) < nan_probability ? std::numeric_limits<double>::quiet_NaN()
                                                          : 1000.0 + value(random);
        points.push_back({t, v});
    }
    return points;
}

void compareWithNaive(const std::vector<Point>& points, const std::vector<TimeNs>& windows)
{
    RollingWindowStats stats(windows);
    for (std::size_t i = 0; i < points.size(); ++i) {
        stats.add(points[i].time_ns, points[i].value);
        for (std::size_t w = 0; w < windows.size(); ++w) {
            const StatisticsSummary got = stats.statistics(w).summary;
            const StatisticsSummary want = naiveWindow(points, i, windows[w]);
            const QByteArray where = QByteArrayLiteral("sample ") + QByteArray::number(static_cast<qulonglong>(i))
                + " window " + QByteArray::number(static_cast<qlonglong>(windows[w]));
            QVERIFY2(got.count == want.count, where.constData());
            QVERIFY2(got.non_finite == want.non_finite, where.constData());
            if (std::isnan(want.mean)) {
                QVERIFY2(std::isnan(got.min) && std::isnan(got.max) && std::isnan(got.mean) && std::isnan(got.std),
                         where.constData());
                continue;
            }
            QVERIFY2(got.min == want.min, where.constData());
            QVERIFY2(got.max == want.max, where.constData());
            QVERIFY2(closeRelative(got.mean, want.mean, 1.0), where.constData());
            // std relative to its own size (the scale guards the single-sample case, where it is 0).
            const QByteArray detail = where + " std " + QByteArray::number(got.std, 'g', 17) + " vs "
                + QByteArray::number(want.std, 'g', 17);
            QVERIFY2(closeRelative(got.std, want.std, 1e-3), detail.constData());
        }
    }
}

} // namespace

class TestRollingWindowStats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyStatisticMatchesANaiveReferenceAcrossBoundariesAndGaps()
    {
        compareWithNaive(randomStream(20000, 0.0, 1), {1'000'000'000});
        compareWithNaive(randomStream(20000, 0.0, 2), {250'000'000});
    }

    void severalWindowsOfOneChannelEachMatchTheReference()
    {
        // Given out of order on purpose: the longest window decides what the shared storage forgets.
        compareWithNaive(randomStream(20000, 0.02, 5), {1'000'000'000, 250'000'000, 3'000'000'000});
    }

    void nonFiniteValuesAreCountedButKeptOutOfTheNumbers()
    {
        compareWithNaive(randomStream(10000, 0.05, 3), {500'000'000});

        RollingWindowStats stats({1'000'000'000});
        stats.add(0, 2.0);
        stats.add(1, std::numeric_limits<double>::infinity());
        stats.add(2, 4.0);
        const StatisticsSummary s = stats.statistics(0).summary;
        QCOMPARE(s.count, 3u);
        QCOMPARE(s.non_finite, 1u);
        QCOMPARE(s.max, 4.0);
        QCOMPARE(s.mean, 3.0);
        QCOMPARE(s.std, 1.0);
    }

    void windowsSpanningManyBlocksAndBlocksWithoutFiniteValuesMatchTheReference()
    {
        // Min and max are kept per block of samples: windows of thousands of samples cover many whole
        // blocks, and with mostly NaN values some blocks hold no finite value at all.
        compareWithNaive(randomStream(6000, 0.0, 6), {30'000'000'000});
        compareWithNaive(randomStream(6000, 0.9, 7), {2'000'000'000, 30'000'000'000});
    }

    void aTrendingSignalKeepsExactExtremes()
    {
        // A rising ramp with noise: the minimum is always near the oldest sample and the maximum near
        // the newest, so both leave and enter through the partial blocks at the window's ends.
        std::mt19937_64 random(8);
        std::normal_distribution<double> noise(0.0, 0.5);
        std::vector<Point> points;
        for (int i = 0; i < 5000; ++i)
            points.push_back({static_cast<TimeNs>(i) * 1'000'000, i * 0.01 + noise(random)});
        compareWithNaive(points, {300'000'000, 45'000'000});
        std::vector<Point> falling = points;
        for (Point& p : falling)
            p.value = -p.value;
        compareWithNaive(falling, {300'000'000});
    }

    void aRunOfSamplesGivesExactlyTheNumbersOfAddingThemOneByOne()
    {
        // The pipeline adds a channel's samples of a batch as one run; how the stream is cut into runs
        // must not change a single bit, or a replay would not reproduce the live session.
        const std::vector<Point> points = randomStream(20000, 0.02, 9);
        const std::vector<TimeNs> windows{250'000'000, 1'000'000'000, 3'000'000'000};
        RollingWindowStats one_by_one(windows);
        RollingWindowStats in_runs(windows);
        std::mt19937 random(10);
        std::size_t next = 0;
        while (next < points.size()) {
            const std::size_t run = std::min<std::size_t>(random() % 300 + 1, points.size() - next);
            std::vector<TimeNs> times;
            std::vector<double> values;
            for (std::size_t i = next; i < next + run; ++i) {
                one_by_one.add(points[i].time_ns, points[i].value);
                times.push_back(points[i].time_ns);
                values.push_back(points[i].value);
            }
            in_runs.add(times, values);
            next += run;
            for (std::size_t w = 0; w < windows.size(); ++w) {
                const WindowStatistics a = one_by_one.statistics(w);
                const WindowStatistics b = in_runs.statistics(w);
                QCOMPARE(b.summary.count, a.summary.count);
                QCOMPARE(b.summary.non_finite, a.summary.non_finite);
                QVERIFY(std::memcmp(&a.summary, &b.summary, sizeof a.summary) == 0); // bit for bit
                QVERIFY(std::memcmp(&a.rate_hz, &b.rate_hz, sizeof a.rate_hz) == 0);
            }
        }
    }

    void aWindowThatSlidesForLongStaysAccurate()
    {
        // A large offset with small variations is where naive sum-of-squares formulas fall apart.
        std::mt19937_64 random(4);
        std::normal_distribution<double> noise(0.0, 0.001);
        std::vector<Point> points;
        for (int i = 0; i < 200000; ++i)
            points.push_back({static_cast<TimeNs>(i) * 1'000'000, 1e6 + noise(random)});
        RollingWindowStats stats({100'000'000});
        for (const Point& p : points)
            stats.add(p.time_ns, p.value);
        const StatisticsSummary want = naiveWindow(points, points.size() - 1, 100'000'000);
        const StatisticsSummary got = stats.statistics(0).summary;
        QCOMPARE(got.count, want.count);
        QVERIFY(closeRelative(got.mean, want.mean, 1.0));
        const QByteArray detail = QByteArray::number(got.std, 'g', 17) + " vs " + QByteArray::number(want.std, 'g', 17);
        QVERIFY2(std::abs(got.std - want.std) <= 1e-6 * want.std, detail.constData());
    }

    void rateIsSamplesPerSecondOfSampleTime()
    {
        RollingWindowStats stats({1'000'000'000});
        for (int i = 0; i < 500; ++i) // 500 ms at 1 kHz: not yet a whole window, so measured from the span
            stats.add(static_cast<TimeNs>(i) * 1'000'000, 1.0);
        QVERIFY(std::abs(stats.statistics(0).rate_hz - 1000.0) < 1e-6);
        for (int i = 500; i < 3000; ++i)
            stats.add(static_cast<TimeNs>(i) * 1'000'000, 1.0);
        QCOMPARE(stats.statistics(0).summary.count, 1000u);
        QVERIFY(std::abs(stats.statistics(0).rate_hz - 1000.0) < 1e-6);
    }

    void anOutOfOrderSampleCountsAtTheNewestTime()
    {
        RollingWindowStats stats({1'000'000'000});
        stats.add(5'000'000'000, 1.0);
        stats.add(1'000'000'000, 7.0); // older than the window: still counted, at 5 s
        QCOMPARE(stats.statistics(0).summary.count, 2u);
        QCOMPARE(stats.statistics(0).summary.max, 7.0);
        stats.add(6'000'000'000, 3.0); // both samples "at 5 s" leave together
        QCOMPARE(stats.statistics(0).summary.count, 1u);
        QCOMPARE(stats.statistics(0).summary.min, 3.0);
    }
};

QTEST_GUILESS_MAIN(TestRollingWindowStats)
#include "test_rolling_window_stats.moc"
