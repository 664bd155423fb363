#include "core/processing/alert_rule_parser.h"
#include "core/processing/channel_glob.h"

#include <QTest>

using namespace streamscope;

namespace {

AlertRule parsed(const char* text)
{
    std::string error;
    const auto rule = parseAlertRule(text, error);
    if (!rule)
        qFatal("%s", error.c_str());
    return *rule;
}

} // namespace

class TestAlertRuleParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesAThresholdWithHysteresisHoldAndSeverity()
    {
        const AlertRule rule = parsed("temp > 30 clear < 28 for 500ms critical");
        QCOMPARE(rule.glob, std::string("temp"));
        QCOMPARE(rule.kind, AlertKind::Above);
        QCOMPARE(rule.threshold, 30.0);
        QCOMPARE(rule.clear, std::optional<double>(28.0));
        QCOMPARE(rule.for_ns, TimeNs{500'000'000});
        QCOMPARE(rule.severity, AlertSeverity::Critical);
        QCOMPARE(rule.text, std::string("temp > 30 clear < 28 for 500ms critical"));
    }

    void parsesEveryKind()
    {
        const AlertRule below = parsed("battery.* < 3.3 clear > 3.5");
        QCOMPARE(below.kind, AlertKind::Below);
        QCOMPARE(below.clear, std::optional<double>(3.5));
        QCOMPARE(below.severity, AlertSeverity::Warning);
        const AlertRule outside = parsed("pressure outside -1.5..2.5 for 1s info");
        QCOMPARE(outside.kind, AlertKind::Outside);
        QCOMPARE(outside.low, -1.5);
        QCOMPARE(outside.high, 2.5);
        QCOMPARE(outside.for_ns, TimeNs{1'000'000'000});
        QCOMPARE(outside.severity, AlertSeverity::Info);
        const AlertRule rate = parsed("temp rate > 5/s");
        QCOMPARE(rate.kind, AlertKind::RateAbove);
        QCOMPARE(rate.threshold, 5.0);
        const AlertRule stale = parsed("fleet.*.heartbeat stale 1s critical");
        QCOMPARE(stale.kind, AlertKind::Stale);
        QCOMPARE(stale.stale_ns, TimeNs{1'000'000'000});
        QCOMPARE(stale.severity, AlertSeverity::Critical);
        QCOMPARE(parsed("* nan").kind, AlertKind::NonFinite);
    }

    void rejectsBadRulesNamingTheWord_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("named");
        QTest::newRow("no condition") << QStringLiteral("temp") << QStringLiteral("expected");
        QTest::newRow("unknown operator") << QStringLiteral("temp >= 3") << QStringLiteral("'>='");
        QTest::newRow("bad number") << QStringLiteral("temp > hot") << QStringLiteral("'hot'");
        QTest::newRow("clear on the wrong side") << QStringLiteral("temp > 30 clear < 31") << QStringLiteral("'31'");
        QTest::newRow("clear with the wrong operator") << QStringLiteral("temp > 30 clear > 28") << QStringLiteral("'>'");
        QTest::newRow("bad duration") << QStringLiteral("temp > 30 for soon") << QStringLiteral("'soon'");
        QTest::newRow("bad range") << QStringLiteral("p outside 5..1") << QStringLiteral("'5..1'");
        QTest::newRow("bad stale time") << QStringLiteral("hb stale") << QStringLiteral("after 'stale'");
        QTest::newRow("bad severity") << QStringLiteral("temp > 30 fatal") << QStringLiteral("'fatal'");
        QTest::newRow("for on stale") << QStringLiteral("hb stale 1s for 2s") << QStringLiteral("'for'");
        QTest::newRow("rate without >") << QStringLiteral("t rate 5/s") << QStringLiteral("'5/s'");
    }

    void rejectsBadRulesNamingTheWord()
    {
        QFETCH(QString, rule);
        QFETCH(QString, named);
        std::string error;
        QVERIFY(!parseAlertRule(rule.toStdString(), error).has_value());
        const QString message = QString::fromStdString(error);
        QVERIFY2(message.startsWith(QStringLiteral("alert rule '") + rule + QStringLiteral("': ")), qPrintable(message));
        QVERIFY2(message.contains(named), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
    }

    void globsMatchWholeNamesWithStarAndQuestionMark()
    {
        QVERIFY(globMatches("fleet.*.heartbeat", "fleet.pump7.heartbeat"));
        QVERIFY(globMatches("fleet.*.heartbeat", "fleet.a.b.heartbeat"));
        QVERIFY(!globMatches("fleet.*.heartbeat", "fleet.pump7.heartbeat2"));
        QVERIFY(!globMatches("fleet.*.heartbeat", "depot.pump7.heartbeat"));
        QVERIFY(globMatches("ch?", "ch1"));
        QVERIFY(!globMatches("ch?", "ch10"));
        QVERIFY(globMatches("*", "anything"));
        QVERIFY(globMatches("temp", "temp"));
        QVERIFY(!globMatches("temp", "temperature"));
        QVERIFY(globMatches("*a*b*", "xxaxxbxx"));
        QVERIFY(!globMatches("*a*b", "xxaxxbxx"));
    }
};

QTEST_GUILESS_MAIN(TestAlertRuleParser)
#include "test_alert_rule_parser.moc"
