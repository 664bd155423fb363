// End to end through the built `streamscope` executable: real processes, real sockets on loopback.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "tests/support/loopback_udp.h"
#include "tests/support/streamscope_process.h"

#include <cmath>

using namespace std::chrono_literals;

namespace {

const QString kBinary = QStringLiteral(STREAMSCOPE_BINARY);

using streamscope::test::freeUdpPort;
bool portTaken(quint16 port) { return streamscope::test::udpPortTaken(port); }

using Run = streamscope::test::ProcessRun;

Run runToEnd(const QStringList& arguments) { return streamscope::test::runStreamScope(arguments); }

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void generateIntoMonitorLosesNothing()
    {
        const quint16 port = freeUdpPort();
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        QProcess monitor;
        monitor.start(kBinary, {QStringLiteral("monitor"), QStringLiteral("--udp"), address, QStringLiteral("--format"),
                                QStringLiteral("csv"), QStringLiteral("--json")});
        QVERIFY(monitor.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);

        const Run generate = runToEnd({QStringLiteral("generate"), QStringLiteral("--udp"), address,
                                       QStringLiteral("--rate"), QStringLiteral("20000"), QStringLiteral("--channels"),
                                       QStringLiteral("8"), QStringLiteral("--count"), QStringLiteral("100000"),
                                       QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--json")});
        QCOMPARE(generate.exit_code, 0);
        const QJsonObject sent = QJsonDocument::fromJson(generate.out).object();
        QCOMPARE(sent.value(QStringLiteral("frames")).toInteger(), 100000);
        // 100000 frames at 20000/s take 5 s; the pacing must be real.
        QVERIFY2(sent.value(QStringLiteral("seconds")).toDouble() > 4.5, generate.out.constData());

        QTest::qWait(500); // let the last datagrams through the pipeline
        monitor.terminate(); // SIGTERM: a clean stop that prints the summary
        QVERIFY(monitor.waitForFinished(10000));
        QCOMPARE(monitor.exitStatus(), QProcess::NormalExit);
        QCOMPARE(monitor.exitCode(), 0);
        const QByteArray output = monitor.readAllStandardOutput();
        const QJsonObject summary = QJsonDocument::fromJson(output).object();
        QVERIFY2(!summary.isEmpty(), output.constData());
        QCOMPARE(summary.value(QStringLiteral("frames")).toInteger(), 100000);
        QCOMPARE(summary.value(QStringLiteral("samples")).toInteger(), 800000);
        QCOMPARE(summary.value(QStringLiteral("decode_errors")).toInteger(), 0);
        QCOMPARE(summary.value(QStringLiteral("drops")).toObject().value(QStringLiteral("kernel")).toInteger(), 0);
        QCOMPARE(summary.value(QStringLiteral("drops")).toObject().value(QStringLiteral("ring")).toInteger(), 0);
        const QJsonArray channels = summary.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 8);
        for (int k = 0; k < 8; ++k) {
            const QJsonObject channel = channels.at(k).toObject();
            QCOMPARE(channel.value(QStringLiteral("name")).toString(), QStringLiteral("ch%1").arg(k + 1));
            QCOMPARE(channel.value(QStringLiteral("count")).toInteger(), 100000);
            // The generator's documented signal: channel k is (k+1)*10 + 5 sin(2 pi t / (2+k)), to 3 decimals.
            double expected_sum = 0;
            for (int i = 0; i < 100000; ++i) {
                const double v = (k + 1) * 10.0 + 5.0 * std::sin(2.0 * M_PI * (i / 20000.0) / (2.0 + k));
                expected_sum += std::round(v * 1000.0) / 1000.0;
            }
            QVERIFY(qAbs(channel.value(QStringLiteral("mean")).toDouble() - expected_sum / 100000) < 1e-6);
            QVERIFY(channel.value(QStringLiteral("min")).toDouble() >= (k + 1) * 10.0 - 5.0);
            QVERIFY(channel.value(QStringLiteral("max")).toDouble() <= (k + 1) * 10.0 + 5.0);
        }
    }

    // The channel cap and the sender filter, end to end: what they drop is in monitor's summary.
    void monitorReportsSamplesOverTheChannelCapAndRejectedSenders()
    {
        const quint16 port = freeUdpPort();
        const streamscope::test::LoopbackUdpSocket sender; // sends from 127.0.0.1
        // Runs `monitor --udp 127.0.0.1:PORT --format kv FLAGS --json`, sends it `datagrams`, returns its summary.
        const auto monitorSummary = [&](const QStringList& flags, const QList<QByteArray>& datagrams) {
            QProcess monitor;
            monitor.start(kBinary, QStringList{QStringLiteral("monitor"), QStringLiteral("--udp"),
                                               QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--format"),
                                               QStringLiteral("kv"), QStringLiteral("--json")}
                                       + flags);
            if (!monitor.waitForStarted() || !QTest::qWaitFor([&] { return portTaken(port); }, 10000))
                return QJsonObject();
            for (const QByteArray& datagram : datagrams)
                sender.sendTo(port, datagram);
            QTest::qWait(500);
            monitor.terminate();
            monitor.waitForFinished(10000);
            return QJsonDocument::fromJson(monitor.readAllStandardOutput()).object();
        };

        const QJsonObject capped = monitorSummary(
            {QStringLiteral("--max-channels"), QStringLiteral("2"), QStringLiteral("--allow-from"),
             QStringLiteral("127.0.0.0/8"), QStringLiteral("--allow-from"), QStringLiteral("fd00::/8")},
            {"a:1,b:2,c:3,d:4\n", "a:5,c:6\n"}); // c and d are past the cap
        QCOMPARE(capped.value(QStringLiteral("samples")).toInteger(), 3);
        QCOMPARE(capped.value(QStringLiteral("over_channel_cap")).toInteger(), 3);
        QCOMPARE(capped.value(QStringLiteral("rejected_senders")).toInteger(), 0);
        QCOMPARE(capped.value(QStringLiteral("channels")).toArray().size(), 2);

        // The same sender outside the allowed networks: nothing decoded, every datagram counted.
        const QJsonObject rejected =
            monitorSummary({QStringLiteral("--allow-from"), QStringLiteral("10.0.0.0/8")}, {"a:1\n", "a:2\n"});
        QCOMPARE(rejected.value(QStringLiteral("samples")).toInteger(), 0);
        QCOMPARE(rejected.value(QStringLiteral("rejected_senders")).toInteger(), 2);
        const QJsonObject source = rejected.value(QStringLiteral("sources")).toArray().at(0).toObject();
        QCOMPARE(source.value(QStringLiteral("rejected_senders")).toInteger(), 2);
    }

    void monitorOfTheDemoStopsAfterItsDuration()
    {
        const Run run = runToEnd({QStringLiteral("monitor"), QStringLiteral("--demo"), QStringLiteral("--duration"),
                                  QStringLiteral("1.5"), QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 0);
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        const QJsonArray channels = summary.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 6);
        QStringList names;
        for (const QJsonValue& c : channels)
            names << c.toObject().value(QStringLiteral("name")).toString();
        QVERIFY(names.contains(QStringLiteral("temperature.inlet")));
        QVERIFY(names.contains(QStringLiteral("heartbeat")));
        // 1000 Hz per fast channel for about 1.5 s.
        const qint64 samples = summary.value(QStringLiteral("samples")).toInteger();
        QVERIFY2(samples > 5 * 1000 && samples < 5 * 2500, QByteArray::number(samples).constData());
    }

    void badValuesGiveOneLineNamingThem_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("bad address") << QStringList{QStringLiteral("monitor"), QStringLiteral("--udp"),
                                                    QStringLiteral("300.1.2.3:9000")}
                                     << QStringLiteral("300.1.2.3");
        QTest::newRow("bad port") << QStringList{QStringLiteral("monitor"), QStringLiteral("--udp"),
                                                 QStringLiteral("127.0.0.1:90o0")}
                                  << QStringLiteral("90o0");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("monitor"), QStringLiteral("--demo"),
                                                       QStringLiteral("--format"), QStringLiteral("xml")}
                                        << QStringLiteral("xml");
        QTest::newRow("bad channel cap") << QStringList{QStringLiteral("monitor"), QStringLiteral("--demo"),
                                                        QStringLiteral("--max-channels"), QStringLiteral("0")}
                                         << QStringLiteral("'0'");
        QTest::newRow("bad network") << QStringList{QStringLiteral("monitor"), QStringLiteral("--udp"),
                                                    QStringLiteral(":9000"), QStringLiteral("--allow-from"),
                                                    QStringLiteral("10.0.0.0/40")}
                                     << QStringLiteral("10.0.0.0/40");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("bad rate") << QStringList{QStringLiteral("generate"), QStringLiteral("--udp"),
                                                 QStringLiteral("127.0.0.1:9"), QStringLiteral("--rate"),
                                                 QStringLiteral("fast")}
                                  << QStringLiteral("fast");
    }

    void badValuesGiveOneLineNamingThem()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Run run = runToEnd(arguments);
        QCOMPARE(run.exit_code, 2);
        const QString error = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(error.contains(named), qPrintable(error));
        QCOMPARE(error.count(QLatin1Char('\n')), 0);
        QVERIFY(run.out.isEmpty());
    }

    void aPortInUseIsARuntimeError()
    {
        const streamscope::test::LoopbackUdpSocket holder(0);
        QVERIFY(holder.bound());
        const QString address = QStringLiteral("127.0.0.1:%1").arg(holder.port());
        const Run run = runToEnd({QStringLiteral("monitor"), QStringLiteral("--udp"), address});
        QCOMPARE(run.exit_code, 1);
        const QString error = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(error.contains(address) && error.contains(QStringLiteral("in use")), qPrintable(error));
    }

    void helpAndVersion()
    {
        const Run version = runToEnd({QStringLiteral("--version")});
        QCOMPARE(version.exit_code, 0);
        QVERIFY(version.out.startsWith("streamscope " STREAMSCOPE_VERSION));
        const Run help = runToEnd({QStringLiteral("--help")});
        QCOMPARE(help.exit_code, 0);
        QVERIFY(help.out.contains("monitor") && help.out.contains("generate"));
        const Run monitor_help = runToEnd({QStringLiteral("monitor"), QStringLiteral("--help")});
        QCOMPARE(monitor_help.exit_code, 0);
        QVERIFY(monitor_help.out.contains("--udp") && monitor_help.out.contains("--duration"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
