#include "core/processing/alert_rule_parser.h"
#include "core/processing/alert_state_machine.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace streamscope;

namespace {

constexpr TimeNs kMs = 1'000'000;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

AlertRule rule(const char* text)
{
    std::string error;
    const auto parsed = parseAlertRule(text, error);
    if (!parsed)
        qFatal("%s", error.c_str());
    return *parsed;
}

struct Step {
    TimeNs time_ns;
    double value;
};

// Feeds samples and returns the transitions they caused.
std::vector<AlertTransition> feed(AlertStateMachine& machine, const std::vector<Step>& steps)
{
    std::vector<AlertTransition> out;
    for (const Step& s : steps)
        if (auto t = machine.onSample(s.time_ns, s.value))
            out.push_back(*t);
    return out;
}

} // namespace

class TestAlertStateMachine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thresholdRaisesAndClearsWithTheTimeAndValue()
    {
        const AlertRule r = rule("temp > 30");
        AlertStateMachine m(r);
        const auto t = feed(m, {{0, 25}, {10 * kMs, 31}, {20 * kMs, 32}, {30 * kMs, 30}, {40 * kMs, 31}});
        QCOMPARE(t.size(), 3u);
        QCOMPARE(t[0].state, AlertState::Raised);
        QCOMPARE(t[0].time_ns, 10 * kMs);
        QCOMPARE(t[0].value, 31.0);
        QCOMPARE(t[1].state, AlertState::Cleared); // 30 is not above 30
        QCOMPARE(t[1].time_ns, 30 * kMs);
        QCOMPARE(t[2].state, AlertState::Raised);
        QVERIFY(m.raised());
    }

    void hysteresisStopsAChatteringSignalFromFlapping()
    {
        const AlertRule r = rule("temp > 30 clear < 28");
        AlertStateMachine m(r);
        std::vector<Step> chatter{{0, 31}};
        for (int i = 1; i < 1000; ++i) // chattering across the threshold, inside the band
            chatter.push_back({i * kMs, i % 2 ? 29.0 : 30.5});
        chatter.push_back({1000 * kMs, 27.9});
        chatter.push_back({1001 * kMs, 29.5}); // back in the band, below the threshold: stays clear
        const auto t = feed(m, chatter);
        QCOMPARE(t.size(), 2u);
        QCOMPARE(t[0].state, AlertState::Raised);
        QCOMPARE(t[1].state, AlertState::Cleared);
        QCOMPARE(t[1].time_ns, 1000 * kMs);
        QCOMPARE(t[1].value, 27.9);
    }

    void belowIsTheMirror()
    {
        const AlertRule r = rule("battery < 3.3 clear > 3.5");
        AlertStateMachine m(r);
        const auto t = feed(m, {{0, 3.6}, {1, 3.2}, {2, 3.4}, {3, 3.25}, {4, 3.45}, {5, 3.51}});
        QCOMPARE(t.size(), 2u);
        QCOMPARE(t[0].time_ns, TimeNs{1});
        QCOMPARE(t[1].time_ns, TimeNs{5});
        QCOMPARE(t[1].value, 3.51);
    }

    void forHoldsTheConditionBeforeRaisingAndRestartsWhenItLapses()
    {
        const AlertRule r = rule("temp > 30 for 500ms");
        AlertStateMachine m(r);
        // Above for 400 ms, a dip, then above from 600 ms: raises at 1100 ms, not before.
        std::vector<Step> steps;
        for (TimeNs t = 0; t <= 400; t += 100)
            steps.push_back({t * kMs, 31});
        steps.push_back({500 * kMs, 29});
        for (TimeNs t = 600; t <= 1300; t += 100)
            steps.push_back({t * kMs, 31});
        const auto t = feed(m, steps);
        QCOMPARE(t.size(), 1u);
        QCOMPARE(t[0].state, AlertState::Raised);
        QCOMPARE(t[0].time_ns, 1100 * kMs);
    }

    void outsideRaisesOnEitherSide()
    {
        const AlertRule r = rule("p outside 0..10 for 0s");
        AlertStateMachine m(r);
        const auto t = feed(m, {{0, 5}, {1, -1}, {2, 4}, {3, 11}, {4, 10}});
        QCOMPARE(t.size(), 4u);
        QCOMPARE(t[0].value, -1.0);
        QCOMPARE(t[1].state, AlertState::Cleared);
        QCOMPARE(t[2].value, 11.0);
        QCOMPARE(t[3].value, 10.0); // the range is inclusive
    }

    void rateOfChangeUsesConsecutiveSamples()
    {
        const AlertRule r = rule("temp rate > 5/s");
        AlertStateMachine m(r);
        // +1 per 100 ms = 10/s raises; then +0.1 per 100 ms = 1/s clears; a falling 10/s raises again.
        const auto t = feed(m, {{0, 20}, {100 * kMs, 21}, {200 * kMs, 21.1}, {300 * kMs, 20.1}});
        QCOMPARE(t.size(), 3u);
        QCOMPARE(t[0].time_ns, 100 * kMs);
        QCOMPARE(t[1].state, AlertState::Cleared);
        QCOMPARE(t[1].time_ns, 200 * kMs);
        QCOMPARE(t[2].state, AlertState::Raised);
    }

    void staleRaisesOnTheClockAndClearsOnTheNextSample()
    {
        const AlertRule r = rule("heartbeat stale 1s");
        AlertStateMachine m(r);
        QVERIFY(!m.onClock(5000 * kMs).has_value()); // never seen: nothing to go stale
        QVERIFY(!m.onSample(1000 * kMs, 1.0).has_value());
        QVERIFY(!m.onClock(1999 * kMs).has_value());
        const auto raised = m.onClock(2300 * kMs);
        QVERIFY(raised.has_value());
        QCOMPARE(raised->state, AlertState::Raised);
        QCOMPARE(raised->time_ns, 2000 * kMs); // when it went quiet, not when the tick noticed
        QCOMPARE(raised->value, 1.0);
        QVERIFY(!m.onClock(3000 * kMs).has_value()); // raised once
        const auto cleared = m.onSample(4000 * kMs, 2.0);
        QVERIFY(cleared.has_value());
        QCOMPARE(cleared->state, AlertState::Cleared);
        QCOMPARE(cleared->time_ns, 4000 * kMs);
    }

    void nanRaisesOnNonFiniteValues()
    {
        const AlertRule r = rule("* nan critical");
        AlertStateMachine m(r);
        const auto t = feed(m, {{0, 1}, {1, kNaN}, {2, kNaN}, {3, 2}, {4, -std::numeric_limits<double>::infinity()}});
        QCOMPARE(t.size(), 3u);
        QCOMPARE(t[0].time_ns, TimeNs{1});
        QVERIFY(std::isnan(t[0].value));
        QCOMPARE(t[1].state, AlertState::Cleared);
        QCOMPARE(t[2].time_ns, TimeNs{4});
    }

    void nanNeitherRaisesNorClearsAThreshold()
    {
        const AlertRule r = rule("temp > 30");
        AlertStateMachine m(r);
        QCOMPARE(feed(m, {{0, kNaN}, {1, 31}, {2, kNaN}}).size(), 1u);
        QVERIFY(m.raised());
    }
};

QTEST_GUILESS_MAIN(TestAlertStateMachine)
#include "test_alert_state_machine.moc"
