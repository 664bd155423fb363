#include "core/session/duration.h"

#include <QTest>

using namespace streamscope;
using namespace std::chrono_literals;

class TestDuration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesNumbersWithUnits()
    {
        QCOMPARE(parseDuration("5"), std::optional<std::chrono::nanoseconds>(5s));
        QCOMPARE(parseDuration("2.5s"), std::optional<std::chrono::nanoseconds>(2500ms));
        QCOMPARE(parseDuration("500ms"), std::optional<std::chrono::nanoseconds>(500ms));
        QCOMPARE(parseDuration("250us"), std::optional<std::chrono::nanoseconds>(250us));
        QCOMPARE(parseDuration("10m"), std::optional<std::chrono::nanoseconds>(600s));
        QCOMPARE(parseDuration("1h"), std::optional<std::chrono::nanoseconds>(3600s));
    }

    void rejectsWhatIsNotADuration()
    {
        for (const char* bad : {"", "abc", "-1", "5 s", "5sec", "nan", "inf", "1e300h"})
            QVERIFY2(!parseDuration(bad).has_value(), bad);
    }

    void formatsTheShortestSpellingThatReadsBack()
    {
        QCOMPARE(formatDuration(10s), std::string("10s"));
        QCOMPARE(formatDuration(500ms), std::string("500ms"));
        QCOMPARE(formatDuration(120s), std::string("2m"));
        QCOMPARE(formatDuration(3600s), std::string("1h"));
        QCOMPARE(formatDuration(1500ns), std::string("1500ns"));
        for (std::chrono::nanoseconds d : {std::chrono::nanoseconds(1ns), std::chrono::nanoseconds(999us),
                                           std::chrono::nanoseconds(1500ms), std::chrono::nanoseconds(61s),
                                           std::chrono::nanoseconds(7200s)})
            QCOMPARE(parseDuration(formatDuration(d)), std::optional<std::chrono::nanoseconds>(d));
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "test_duration.moc"
