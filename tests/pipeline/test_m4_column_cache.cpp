#include "core/pipeline/m4_column_cache.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace streamscope;

namespace {

bool sameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool sameColumn(const M4Column& a, const M4Column& b)
{
    return a.count == b.count
        && (a.count == 0
            || (a.first_time == b.first_time && sameValue(a.first, b.first) && a.last_time == b.last_time
                && sameValue(a.last, b.last) && sameValue(a.min, b.min) && sameValue(a.max, b.max)
                && (std::isnan(a.min) || (a.min_time == b.min_time && a.max_time == b.max_time))));
}

} // namespace

class TestM4ColumnCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aFollowingViewEqualsM4ComputedAfreshOnTheSameGrid()
    {
        // A live view: samples arrive in bursts, the view follows the newest one, and after every
        // frame the cached columns must be exactly what a full M4 over all samples gives.
        std::mt19937_64 random(3);
        std::uniform_int_distribution<int> step(0, 2000);
        std::uniform_int_distribution<int> burst(1, 400);
        std::normal_distribution<double> noise;
        LodSeries series;
        std::vector<TimeNs> times;
        std::vector<double> values;
        M4ColumnCache cache;
        std::vector<M4Column> expected;
        constexpr TimeNs kWindow = 2'000'000;
        constexpr TimeNs kColumn = kWindow / 640;
        TimeNs t = 1'700'000'000'000'000'000;
        double v = 0;
        for (int frame = 0; frame < 400; ++frame) {
            for (int n = burst(random); n > 0; --n) {
                t += step(random) % 7 == 0 ? 0 : step(random); // some equal timestamps
                v += noise(random);
                times.push_back(t);
                values.push_back(frame % 50 == 7 && n == 1 ? std::nan("") : v);
                series.append(t, values.back());
            }
            const TimeNs left = t - kWindow;
            series.dropBefore(left);
            cache.update(series, left, t, kColumn);

            const std::int64_t first = cache.firstColumn();
            const M4Range grid{first * kColumn, (first + static_cast<std::int64_t>(cache.columns().size())) * kColumn,
                               static_cast<int>(cache.columns().size())};
            QVERIFY(grid.from <= left && grid.to > t); // the cache covers the whole view
            m4Naive(times, values, grid, expected);
            for (std::size_t c = 0; c < expected.size(); ++c)
                if (!sameColumn(cache.columns()[c], expected[c]))
                    QFAIL(qPrintable(QStringLiteral("frame %1, column %2 of %3").arg(frame).arg(c).arg(expected.size())));
        }
    }

    void aNewColumnWidthStartsOver()
    {
        LodSeries series;
        for (int i = 0; i < 1000; ++i)
            series.append(i * 10, i);
        M4ColumnCache cache;
        cache.update(series, 0, 9990, 100);
        QCOMPARE(cache.columns().size(), std::size_t(100));
        cache.update(series, 0, 9990, 1000);
        QCOMPARE(cache.columns().size(), std::size_t(10));
        QCOMPARE(cache.columns()[3].count, std::size_t(100));
        QCOMPARE(cache.columns()[3].max, 399.0);
        std::vector<TimeNs> polyline_times;
        std::vector<double> polyline_values;
        cache.polyline(polyline_times, polyline_values);
        QCOMPARE(polyline_times.front(), TimeNs(0));
        QCOMPARE(polyline_values.back(), 999.0);
    }
};

QTEST_GUILESS_MAIN(TestM4ColumnCache)
#include "test_m4_column_cache.moc"
