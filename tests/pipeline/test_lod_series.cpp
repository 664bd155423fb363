#include "core/pipeline/lod_series.h"
#include "tests/support/m4_compare.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace streamscope;
using m4_test::compareColumns;

namespace {

// A noisy random walk with repeated timestamps, gaps, NaN and infinities.
void makeSeries(std::mt19937_64& random, std::size_t n, std::vector<TimeNs>& times, std::vector<double>& values)
{
    std::uniform_int_distribution<int> step(0, 1000);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> noise;
    TimeNs t = 1'700'000'000'000'000'000;
    double v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dice = unit(random);
        t += dice < 0.1 ? 0 : (dice < 0.102 ? 5'000'000 : step(random)); // duplicates and gaps
        v += noise(random);
        times.push_back(t);
        const double special = unit(random);
        values.push_back(special < 0.002   ? std::numeric_limits<double>::quiet_NaN()
                             : special < 0.003 ? std::numeric_limits<double>::infinity()
                                               : std::round(v * 4) / 4); // many equal extremes
    }
}

} // namespace

class TestLodSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void m4EqualsTheNaiveAggregationForRandomRangesAndWidths()
    {
        std::mt19937_64 random(7);
        std::vector<TimeNs> times;
        std::vector<double> values;
        makeSeries(random, 300'000, times, values);
        LodSeries series;
        for (std::size_t i = 0; i < times.size(); ++i)
            series.append(times[i], values[i]);

        const TimeNs first = times.front();
        const TimeNs last = times.back();
        std::uniform_int_distribution<TimeNs> instant(first - 1'000'000, last + 1'000'000);
        std::uniform_int_distribution<int> width(1, 2500);
        std::vector<M4Column> fast;
        std::vector<M4Column> naive;
        for (int query = 0; query < 300; ++query) {
            TimeNs a = instant(random);
            TimeNs b = instant(random);
            if (a == b)
                continue;
            if (a > b)
                std::swap(a, b);
            const M4Range range{a, b, width(random)};
            series.m4(range, fast);
            m4Naive(times, values, range, naive);
            const QString difference = compareColumns(fast, naive);
            QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("query %1 width %2: ").arg(query).arg(range.width) + difference));
        }
        // The whole range, at a width where columns span many blocks and super blocks.
        series.m4({first, last + 1, 7}, fast);
        m4Naive(times, values, {first, last + 1, 7}, naive);
        QVERIFY2(compareColumns(fast, naive).isEmpty(), qPrintable(compareColumns(fast, naive)));
    }

    void droppingOldSamplesKeepsNewerQueriesExact()
    {
        std::mt19937_64 random(11);
        std::vector<TimeNs> times;
        std::vector<double> values;
        makeSeries(random, 200'000, times, values);
        LodSeries series;
        std::vector<M4Column> fast;
        std::vector<M4Column> naive;
        for (std::size_t i = 0; i < times.size(); ++i) {
            series.append(times[i], values[i]);
            if (i % 5000 == 4999) {
                const TimeNs keep_from = times[i / 2];
                series.dropBefore(keep_from);
                QVERIFY(series.firstTime() <= keep_from);
                QVERIFY(series.size() <= i + 1 - i / 2 + LodSeries::kSuperBlock);
                const M4Range range{keep_from, times[i] + 1, 640};
                series.m4(range, fast);
                const std::vector<TimeNs> appended_times(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(i + 1));
                const std::vector<double> appended_values(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i + 1));
                m4Naive(appended_times, appended_values, range, naive);
                QVERIFY2(compareColumns(fast, naive).isEmpty(), qPrintable(compareColumns(fast, naive)));
            }
        }
    }

    void polylineHoldsEachColumnsExtremesInTimeOrder()
    {
        LodSeries series;
        // Column 0 gets 0..99 rising then falling; column 1 is empty; column 2 gets one sample.
        for (int i = 0; i < 100; ++i)
            series.append(i, i < 50 ? i : 100 - i);
        series.append(250, 7.0);
        std::vector<TimeNs> times;
        std::vector<double> values;
        series.m4Polyline({0, 300, 3}, times, values);
        QCOMPARE(times, (std::vector<TimeNs>{0, 50, 99, 250}));
        QCOMPARE(values, (std::vector<double>{0, 50, 1, 7}));
    }

    void emptyAndDegenerateRangesGiveEmptyColumns()
    {
        LodSeries series;
        std::vector<M4Column> columns;
        series.m4({0, 100, 4}, columns);
        QCOMPARE(columns.size(), std::size_t(4));
        series.append(10, 1.0);
        series.m4({100, 100, 4}, columns);
        QCOMPARE(columns[0].count, std::size_t(0));
        series.m4({0, 100, 0}, columns);
        QVERIFY(columns.empty());
        series.m4({11, 100, 4}, columns);
        QCOMPARE(columns[0].count, std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestLodSeries)
#include "test_lod_series.moc"
