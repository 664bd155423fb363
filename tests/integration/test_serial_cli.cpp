// End to end through the built `streamscope` executable over serial pseudo-terminals and binary frames
// over UDP: real processes, real socat pty pairs, real sockets on loopback.
#include "tests/support/pty_pair.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/loopback_udp.h"
#include "tests/support/streamscope_process.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace {

const QString kBinary = QStringLiteral(STREAMSCOPE_BINARY);
const QString kImuLayout = QStringLiteral("sync=AA55 le u16:seq f32:ax f32:ay f32:az crc=crc16-ccitt");

// Command-line words, without a QStringLiteral around each.
QStringList args(std::initializer_list<const char*> words)
{
    QStringList list;
    for (const char* word : words)
        list << QString::fromUtf8(word);
    return list;
}

using Run = streamscope::test::ProcessRun;

Run runToEnd(const QStringList& arguments) { return streamscope::test::runStreamScope(arguments); }

// True once another process holds the device (the monitor opened it and took its lock).
bool deviceTaken(const QString& path)
{
    const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return false;
    const bool taken = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return taken;
}

bool portTaken(quint16 port) { return streamscope::test::udpPortTaken(port); }

// Stops a monitor with SIGTERM and returns its JSON summary.
QJsonObject stopMonitor(QProcess& monitor)
{
    QTest::qWait(500); // let the last bytes through the pipeline
    monitor.terminate();
    if (!monitor.waitForFinished(10000))
        return {};
    const QByteArray output = monitor.readAllStandardOutput();
    const QJsonObject summary = QJsonDocument::fromJson(output).object();
    if (summary.isEmpty())
        qWarning("monitor printed: %s / %s", output.constData(), monitor.readAllStandardError().constData());
    return summary;
}

qint64 integer(const QJsonObject& object, const char* key) { return object.value(QLatin1String(key)).toInteger(); }

} // namespace

class TestSerialCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

private slots:
    void generateSerialIntoMonitorSerialReportsEveryFrameAndNoError_data()
    {
        QTest::addColumn<QStringList>("format");
        QTest::addColumn<QString>("first_channel");
        QTest::newRow("binary, sync hunting") << QStringList{QStringLiteral("--frame"), kImuLayout} << "seq";
        QTest::newRow("binary, cobs") << args({"--frame", "le u16:seq i32:v crc=crc32", "--framing", "cobs"})
                                      << "seq";
        QTest::newRow("binary, slip") << args({"--frame", "be u32:seq f64:v crc=sum8", "--framing", "slip"})
                                      << "seq";
        QTest::newRow("csv lines") << QStringList{QStringLiteral("--format"), QStringLiteral("csv")} << "ch1";
    }
    void generateSerialIntoMonitorSerialReportsEveryFrameAndNoError()
    {
        QFETCH(QStringList, format);
        QFETCH(QString, first_channel);
        streamscope::test::PtyPair pty(dir_.filePath(QStringLiteral("a")), dir_.filePath(QStringLiteral("b")));
        QVERIFY(pty.start());
        QProcess monitor;
        monitor.start(kBinary, QStringList{QStringLiteral("monitor"), QStringLiteral("--serial"),
                                           pty.b() + QStringLiteral(":2000000"), QStringLiteral("--json")}
                                   + format);
        QVERIFY(monitor.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(deviceTaken(pty.b()), 10000);

        constexpr int kFrames = 20000;
        const Run generate = runToEnd(QStringList{QStringLiteral("generate"), QStringLiteral("--serial"),
                                                  pty.a() + QStringLiteral(":2000000"), QStringLiteral("--rate"),
                                                  QStringLiteral("20000"), QStringLiteral("--count"),
                                                  QString::number(kFrames), QStringLiteral("--channels"),
                                                  QStringLiteral("4"), QStringLiteral("--json")}
                                      + format);
        QVERIFY2(generate.exit_code == 0, generate.err.constData());
        QCOMPARE(integer(QJsonDocument::fromJson(generate.out).object(), "frames"), kFrames);

        const QJsonObject summary = stopMonitor(monitor);
        QCOMPARE(monitor.exitCode(), 0);
        QCOMPARE(integer(summary, "frames"), kFrames);
        QCOMPARE(integer(summary, "decode_errors"), 0);
        QCOMPARE(integer(summary.value(QStringLiteral("drops")).toObject(), "ring"), 0);
        const QJsonObject first = summary.value(QStringLiteral("channels")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("name")).toString(), first_channel);
        QCOMPARE(integer(first, "count"), kFrames);
        if (first_channel == QLatin1String("seq")) // the generator counts frames in the first field
            QCOMPARE(first.value(QStringLiteral("last")).toDouble(), double(kFrames - 1));
        const QJsonObject source = summary.value(QStringLiteral("sources")).toArray().at(0).toObject();
        QCOMPARE(source.value(QStringLiteral("name")).toString(), QStringLiteral("serial:") + pty.b());
        QCOMPARE(source.value(QStringLiteral("gaps")).toArray().size(), 0);
    }

    void aSessionFileOpensASerialSourceWithBinaryFrames()
    {
        streamscope::test::PtyPair pty(dir_.filePath(QStringLiteral("sa")), dir_.filePath(QStringLiteral("sb")));
        QVERIFY(pty.start());
        const QString layout = QStringLiteral("le u16:seq i32:v crc=crc32");
        const QString session = dir_.filePath(QStringLiteral("serial-session.json"));
        QFile file(session);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{
                                     {QStringLiteral("sources"),
                                      QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("serial")},
                                                             {QStringLiteral("device"), pty.b()},
                                                             {QStringLiteral("baud"), 2000000},
                                                             {QStringLiteral("format"), QStringLiteral("binary")},
                                                             {QStringLiteral("frame"), layout},
                                                             {QStringLiteral("framing"), QStringLiteral("cobs")}}}}})
                       .toJson());
        file.close();

        QProcess monitor;
        monitor.start(kBinary, {QStringLiteral("monitor"), QStringLiteral("--session"), session, QStringLiteral("--json")});
        QVERIFY(monitor.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(deviceTaken(pty.b()), 10000);
        constexpr int kFrames = 2000;
        const Run generate = runToEnd({QStringLiteral("generate"), QStringLiteral("--serial"),
                                       pty.a() + QStringLiteral(":2000000"), QStringLiteral("--frame"), layout,
                                       QStringLiteral("--framing"), QStringLiteral("cobs"), QStringLiteral("--rate"),
                                       QStringLiteral("10000"), QStringLiteral("--count"), QString::number(kFrames),
                                       QStringLiteral("--json")});
        QVERIFY2(generate.exit_code == 0, generate.err.constData());
        const QJsonObject summary = stopMonitor(monitor);
        QCOMPARE(integer(summary, "frames"), kFrames);
        QCOMPARE(integer(summary, "decode_errors"), 0);
        const QJsonObject first = summary.value(QStringLiteral("channels")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("seq"));
        QCOMPARE(integer(first, "count"), kFrames);
    }

    void generateBinaryOverUdpIntoMonitorReportsEveryFrameAndNoError()
    {
        const quint16 port = streamscope::test::freeUdpPort();
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        QProcess monitor;
        monitor.start(kBinary, args({"monitor", "--udp"}) << address << args({"--format", "binary", "--frame"})
                                   << kImuLayout << QStringLiteral("--json"));
        QVERIFY(monitor.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);

        constexpr int kFrames = 50000;
        const Run generate = runToEnd({QStringLiteral("generate"), QStringLiteral("--udp"), address,
                                       QStringLiteral("--format"), QStringLiteral("binary"), QStringLiteral("--frame"),
                                       kImuLayout, QStringLiteral("--rate"), QStringLiteral("50000"),
                                       QStringLiteral("--count"), QString::number(kFrames), QStringLiteral("--json")});
        QVERIFY2(generate.exit_code == 0, generate.err.constData());

        const QJsonObject summary = stopMonitor(monitor);
        QCOMPARE(integer(summary, "frames"), kFrames);
        QCOMPARE(integer(summary, "samples"), 4 * kFrames);
        QCOMPARE(integer(summary, "decode_errors"), 0);
        const QJsonArray channels = summary.value(QStringLiteral("channels")).toArray();
        QStringList names;
        for (const auto& channel : channels)
            names << channel.toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(names, args({"seq", "ax", "ay", "az"}));
        // seq wraps at 65536: 50000 frames count 0..49999.
        QCOMPARE(channels.at(0).toObject().value(QStringLiteral("last")).toDouble(), double(kFrames - 1));
    }

    void aBusyDeviceStopsTheMonitorWithAOneLineErrorNamingIt()
    {
        streamscope::test::PtyPair pty(dir_.filePath(QStringLiteral("busy-a")),
                                       dir_.filePath(QStringLiteral("busy-b")));
        QVERIFY(pty.start());
        QProcess holder;
        holder.start(kBinary, args({"monitor", "--serial"}) << pty.b() << QStringLiteral("--json"));
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(deviceTaken(pty.b()), 10000);

        const Run second = runToEnd({QStringLiteral("monitor"), QStringLiteral("--serial"), pty.b(),
                                     QStringLiteral("--duration"), QStringLiteral("1")});
        QCOMPARE(second.exit_code, 1);
        QCOMPARE(second.err, "streamscope: serial:" + pty.b().toLocal8Bit() + ": busy (another program has it open)\n");
        stopMonitor(holder);
    }

    void aMissingDeviceIsWaitedForNotAnError()
    {
        const QString missing = dir_.filePath(QStringLiteral("not-plugged-in"));
        const Run run = runToEnd({QStringLiteral("monitor"), QStringLiteral("--serial"), missing,
                                  QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 0);
        const QJsonObject source =
            QJsonDocument::fromJson(run.out).object().value(QStringLiteral("sources")).toArray().at(0).toObject();
        const QJsonArray gaps = source.value(QStringLiteral("gaps")).toArray();
        QCOMPARE(gaps.size(), 1);
        QVERIFY(gaps.at(0).toObject().value(QStringLiteral("end_ns")).isNull()); // still away at exit
    }

    void badFrameLayoutsAndSerialSpecsAreUsageErrorsNamingTheValue_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("bad field type") << args({"--udp", ":0", "--frame", "sync=AA u24:x"})
                                        << QByteArray("bad --frame token 'u24:x'");
        QTest::newRow("bad framing") << args({"--udp", ":0", "--frame", "u8:x", "--framing", "hdlc"})
                                     << QByteArray("bad --framing 'hdlc'");
        QTest::newRow("binary without layout") << args({"--udp", ":0", "--format", "binary"})
                                               << QByteArray("--format binary needs --frame");
        QTest::newRow("framing without layout") << args({"--udp", ":0", "--framing", "cobs"})
                                                << QByteArray("--framing needs --frame");
        QTest::newRow("bad baud") << QStringList{QStringLiteral("--serial"), QStringLiteral("/dev/ttyUSB0:0")}
                                  << QByteArray("bad --serial '/dev/ttyUSB0:0'");
    }
    void badFrameLayoutsAndSerialSpecsAreUsageErrorsNamingTheValue()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Run run = runToEnd(QStringList{QStringLiteral("monitor")} + arguments);
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    void portsListsSerialDevicesOrSaysThereAreNone()
    {
        const Run run = runToEnd({QStringLiteral("ports")});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(!run.out.isEmpty());
        for (const QByteArray& line : run.out.trimmed().split('\n'))
            QVERIFY2(line.startsWith("/dev/") || line == "no serial ports found", line.constData());
    }
};

QTEST_GUILESS_MAIN(TestSerialCli)
#include "test_serial_cli.moc"
