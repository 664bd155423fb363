// `monitor --json` with alert rules, fed by a real kv stream over 127.0.0.1: the loopback test of issue #4.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "tests/support/loopback_udp.h"

#include <cmath>

namespace {

const QString kBinary = QStringLiteral(STREAMSCOPE_BINARY);

using streamscope::test::freeUdpPort;
bool portTaken(quint16 port) { return streamscope::test::udpPortTaken(port); }

QList<QJsonObject> eventsOf(const QJsonArray& alerts, const QString& rule)
{
    QList<QJsonObject> events;
    for (const QJsonValue& a : alerts)
        if (a.toObject().value(QStringLiteral("rule")).toString() == rule)
            events.append(a.toObject());
    return events;
}

} // namespace

class TestMonitorAlerts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aRisingTemperatureAndASilentHeartbeatRaiseAndClearOnce()
    {
        const QString temp_rule = QStringLiteral("temp > 30 clear < 28");
        const QString heartbeat_rule = QStringLiteral("heartbeat stale 1s");
        const quint16 port = freeUdpPort();
        QProcess monitor;
        monitor.start(kBinary, {QStringLiteral("monitor"), QStringLiteral("--udp"),
                                QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--format"),
                                QStringLiteral("kv"), QStringLiteral("--alert"), temp_rule, QStringLiteral("--alert"),
                                heartbeat_rule, QStringLiteral("--json")});
        QVERIFY(monitor.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);

        // 50 ms steps: temp 25 for 1 s, up to 35 over 2 s, back to 25 over 2 s, then 25 for 1 s. The
        // heartbeat goes quiet for 3 s in the middle (steps 50 to 109).
        const streamscope::test::LoopbackUdpSocket sender;
        constexpr int kSteps = 120;
        for (int step = 0; step < kSteps; ++step) {
            double temp = 25.0;
            if (step >= 20 && step < 60)
                temp = 25.0 + 10.0 * (step - 20) / 40.0;
            else if (step >= 60 && step < 100)
                temp = 35.0 - 10.0 * (step - 60) / 40.0;
            QByteArray line = "temp=" + QByteArray::number(temp, 'f', 2);
            if (step < 50 || step >= 110)
                line += " heartbeat=1";
            line += '\n';
            QCOMPARE(sender.sendTo(port, line), qint64(line.size()));
            QTest::qWait(50);
        }
        QTest::qWait(300);
        monitor.terminate();
        QVERIFY(monitor.waitForFinished(10000));
        QCOMPARE(monitor.exitCode(), 0);
        const QByteArray output = monitor.readAllStandardOutput();
        const QJsonObject summary = QJsonDocument::fromJson(output).object();
        QVERIFY2(!summary.isEmpty(), output.constData());
        const QJsonArray alerts = summary.value(QStringLiteral("alerts")).toArray();

        for (const QJsonValue& a : alerts) // exactly the fields issue #4 specifies
            QCOMPARE(a.toObject().keys(), (QStringList{QStringLiteral("channel"), QStringLiteral("rule"),
                                                       QStringLiteral("severity"), QStringLiteral("state"),
                                                       QStringLiteral("time_ns"), QStringLiteral("value")}));
        const auto temp = eventsOf(alerts, temp_rule);
        QCOMPARE(temp.size(), 2);
        QCOMPARE(temp[0].value(QStringLiteral("state")).toString(), QStringLiteral("raised"));
        QCOMPARE(temp[0].value(QStringLiteral("channel")).toString(), QStringLiteral("temp"));
        QCOMPARE(temp[0].value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QVERIFY(temp[0].value(QStringLiteral("value")).toDouble() > 30.0);
        QCOMPARE(temp[1].value(QStringLiteral("state")).toString(), QStringLiteral("cleared"));
        QVERIFY(temp[1].value(QStringLiteral("value")).toDouble() < 28.0);
        QVERIFY(temp[1].value(QStringLiteral("time_ns")).toInteger() > temp[0].value(QStringLiteral("time_ns")).toInteger());

        const auto heartbeat = eventsOf(alerts, heartbeat_rule);
        QCOMPARE(heartbeat.size(), 2);
        QCOMPARE(heartbeat[0].value(QStringLiteral("state")).toString(), QStringLiteral("raised"));
        QCOMPARE(heartbeat[0].value(QStringLiteral("channel")).toString(), QStringLiteral("heartbeat"));
        QCOMPARE(heartbeat[1].value(QStringLiteral("state")).toString(), QStringLiteral("cleared"));
        // Quiet for about 3 s: cleared about 2 s after it was raised (1 s after the last beat).
        const double quiet_s = (heartbeat[1].value(QStringLiteral("time_ns")).toInteger()
                                - heartbeat[0].value(QStringLiteral("time_ns")).toInteger())
            * 1e-9;
        QVERIFY2(quiet_s > 1.0 && quiet_s < 4.0, QByteArray::number(quiet_s).constData());
        QCOMPARE(alerts.size(), 4);

        // The per-channel statistics the summary gained.
        for (const QJsonValue& c : summary.value(QStringLiteral("channels")).toArray()) {
            const QJsonObject channel = c.toObject();
            QVERIFY(channel.contains(QStringLiteral("std")));
            QVERIFY(channel.value(QStringLiteral("rate")).toDouble() > 5.0); // 20 Hz sent
            if (channel.value(QStringLiteral("name")).toString() == QStringLiteral("temp")) {
                QCOMPARE(channel.value(QStringLiteral("count")).toInteger(), kSteps);
                QVERIFY(channel.value(QStringLiteral("std")).toDouble() > 1.0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMonitorAlerts)
#include "test_monitor_alerts.moc"
