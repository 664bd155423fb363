// `streamscope record / inspect / export / recover` end to end: real processes, real UDP sockets on
// loopback, real HDF5 files read back by StreamScope and by Debian's h5py.
#include "../archive/archive_test_support.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include "tests/support/loopback_udp.h"
#include "tests/support/streamscope_process.h"

using namespace streamscope;
using namespace archive_test;

namespace {

const QString kBinary = QStringLiteral(STREAMSCOPE_BINARY);
constexpr TimeNs kT0 = 1'795'000'000'000'000'000;

using streamscope::test::freeUdpPort;
bool portTaken(quint16 port) { return streamscope::test::udpPortTaken(port); }

using Run = streamscope::test::ProcessRun;
using streamscope::test::runProgram;

Run runToEnd(const QString& program, const QStringList& arguments) { return runProgram(program, arguments); }

// Sends lines `first`..`first+count-1` as InfluxDB lines "m a=I,b=I/2 T0+I*1000", 20 to a datagram,
// paced so that the loopback receive buffer never overflows.
class LineSender {
public:
    explicit LineSender(quint16 port, unsigned pause_us = 500) : port_(port), pause_us_(pause_us) {}
    // With `new_channels`, every 1000th line also starts a channel never seen before ("late<i>.x").
    void send(int first, int count, bool new_channels = false)
    {
        QByteArray datagram;
        for (int i = first; i < first + count; ++i) {
            datagram += "m a=" + QByteArray::number(i) + ",b=" + QByteArray::number(i / 2.0) + " " +
                        QByteArray::number(kT0 + TimeNs(i) * 1000) + "\n";
            if (new_channels && i % 1000 == 0)
                datagram += "late" + QByteArray::number(i) + " x=1 " + QByteArray::number(kT0 + TimeNs(i) * 1000) + "\n";
            if ((i - first + 1) % 20 == 0 || i == first + count - 1) {
                socket_.sendTo(port_, datagram);
                datagram.clear();
                if (++datagrams_ % 10 == 0)
                    QThread::usleep(pause_us_);
            }
        }
    }

private:
    streamscope::test::LoopbackUdpSocket socket_;
    quint16 port_;
    unsigned pause_us_;
    int datagrams_ = 0;
};

QProcess* startRecorder(QObject* parent, quint16 port, const QStringList& extra)
{
    auto* process = new QProcess(parent);
    process->start(kBinary, QStringList{QStringLiteral("record"), QStringLiteral("--udp"),
                                        QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--format"),
                                        QStringLiteral("influx"), QStringLiteral("--json")} +
                                extra);
    return process;
}

// The archive's channel m.a must hold exactly lines 0..n-1 (values and timestamps); returns n.
std::uint64_t verifyPrefix(const std::string& path)
{
    std::unique_ptr<ArchiveReader> reader;
    try {
        reader = ArchiveReader::open(path);
    } catch (const ArchiveError& error) {
        qWarning("%s", error.what());
        QFile::copy(QString::fromStdString(path), QStringLiteral("/tmp/streamscope-unreadable.h5"));
        return 0;
    }
    const std::size_t index = channelIndex(*reader, "m.a");
    if (index >= reader->channels().size())
        return 0;
    const Series series = readSeries(*reader, index);
    for (std::size_t i = 0; i < series.values.size(); ++i) {
        if (series.values[i] != double(i) || series.times[i] != kT0 + TimeNs(i) * 1000) {
            qWarning("sample %zu is (%lld, %g)", i, static_cast<long long>(series.times[i]), series.values[i]);
            return 0;
        }
    }
    return series.values.size();
}

const QString kH5pyCount = QStringLiteral(R"(
import h5py, sys
with h5py.File(sys.argv[1], "r", swmr=sys.argv[2] == "swmr") as f:
    g = next(g for g in f["channels"].values() if g.attrs["name"] == "m.a")
    t, v = g["time"][:], g["value"][:]
    n = min(len(t), len(v))
    ok = all(v[i] == i and t[i] == 1795000000000000000 + i * 1000 for i in range(n))
    print(n, "ok" if ok else "bad")
)");

} // namespace

class TestRecordCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loopbackStreamIsRecordedAndReadBackIdentically()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("udp.h5"));
        const quint16 port = freeUdpPort();
        QProcess* record = startRecorder(this, port, {QStringLiteral("-o"), archive});
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        LineSender(port).send(0, 20000);
        QTest::qWait(500);
        record->terminate();
        QVERIFY(record->waitForFinished(20000));
        QCOMPARE(record->exitCode(), 0);
        const QJsonObject summary = QJsonDocument::fromJson(record->readAllStandardOutput()).object();
        QCOMPARE(summary.value(QStringLiteral("samples")).toInteger(), 40000);
        QCOMPARE(summary.value(QStringLiteral("files")).toArray().at(0).toString(), archive);

        QCOMPARE(verifyPrefix(archive.toStdString()), std::uint64_t(20000));
        const auto reader = ArchiveReader::open(archive.toStdString());
        QVERIFY(reader->cleanlyClosed());
        const Series b = readSeries(*reader, channelIndex(*reader, "m.b"));
        QCOMPARE(b.values.size(), std::size_t(20000));
        QCOMPARE(b.values[12345], 12345 / 2.0);
        QCOMPARE(reader->sourceCounters().at(0).frames, std::uint64_t(20000));

        const PythonRun python = runPython(kH5pyCount, {archive, QStringLiteral("plain")});
        QVERIFY2(python.exit_code == 0, python.err.constData());
        QCOMPARE(python.out.trimmed(), QByteArray("20000 ok"));

        const Run inspect = runToEnd(kBinary, {QStringLiteral("inspect"), archive, QStringLiteral("--json")});
        QCOMPARE(inspect.exit_code, 0);
        const QJsonObject info = QJsonDocument::fromJson(inspect.out).object();
        QCOMPARE(info.value(QStringLiteral("format_version")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("closed_cleanly")).toBool(), true);
        QCOMPARE(info.value(QStringLiteral("first_time_ns")).toInteger(), kT0);
        QCOMPARE(info.value(QStringLiteral("last_time_ns")).toInteger(), kT0 + 19999 * 1000);
        const QJsonArray channels = info.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 2);
        const QJsonObject a = channels.at(0).toObject();
        QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("m.a"));
        QCOMPARE(a.value(QStringLiteral("count")).toInteger(), 20000);
        QCOMPARE(a.value(QStringLiteral("min")).toDouble(), 0.0);
        QCOMPARE(a.value(QStringLiteral("max")).toDouble(), 19999.0);
        QCOMPARE(a.value(QStringLiteral("mean")).toDouble(), 9999.5);
        QVERIFY(info.value(QStringLiteral("alerts")).isArray());

        const QString csv = dir.filePath(QStringLiteral("a.csv"));
        const Run exported = runToEnd(kBinary, {QStringLiteral("export"), archive, QStringLiteral("--csv"), csv,
                                                QStringLiteral("--channels"), QStringLiteral("m.a"),
                                                QStringLiteral("--time"), QStringLiteral("epoch")});
        QCOMPARE(exported.exit_code, 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 20002); // header, 20000 rows, the empty piece after the last newline
        QCOMPARE(lines[0], QByteArray("time,m.a"));
        QCOMPARE(lines[20000], QByteArray("1795000000.019999000,19999"));
    }

    void alertEventsOfTheRecordingAreInTheArchive()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("alerts.h5"));
        const quint16 port = freeUdpPort();
        // m.a counts 0..2999: above 1000 it raises, and with the clear level below every later value it
        // never clears. m.b (a/2) crosses 1000 at a = 2000.
        QProcess* record = startRecorder(this, port, {QStringLiteral("-o"), archive, QStringLiteral("--alert"),
                                                      QStringLiteral("m.* > 1000 clear < 10 critical")});
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        LineSender(port).send(0, 3000);
        QTest::qWait(500);
        record->terminate();
        QVERIFY(record->waitForFinished(20000));
        QCOMPARE(record->exitCode(), 0);

        const Run inspect = runToEnd(kBinary, {QStringLiteral("inspect"), archive, QStringLiteral("--json")});
        QCOMPARE(inspect.exit_code, 0);
        const QJsonArray alerts = QJsonDocument::fromJson(inspect.out).object().value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 2);
        const QJsonObject first = alerts.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("channel")).toString(), QStringLiteral("m.a"));
        QCOMPARE(first.value(QStringLiteral("value")).toDouble(), 1001.0);
        QCOMPARE(first.value(QStringLiteral("time_ns")).toInteger(), kT0 + 1001 * 1000);
        QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(first.value(QStringLiteral("state")).toString(), QStringLiteral("raised"));
        const QJsonObject second = alerts.at(1).toObject();
        QCOMPARE(second.value(QStringLiteral("channel")).toString(), QStringLiteral("m.b"));
        QCOMPARE(second.value(QStringLiteral("value")).toDouble(), 1000.5);
    }

    void aSessionsRecordingSectionNamesTheFileAndItsSettings()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath(QStringLiteral("session.json"));
        QFile file(session);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QString pattern = dir.filePath(QStringLiteral("bench-%Y.h5"));
        file.write(QJsonDocument(QJsonObject{
                                     {QStringLiteral("sources"),
                                      QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("demo")},
                                                             {QStringLiteral("rate"), 100}}}},
                                     {QStringLiteral("recording"),
                                      QJsonObject{{QStringLiteral("path"), pattern},
                                                  {QStringLiteral("compression"), 1}}}})
                       .toJson());
        file.close();
        const Run run = runToEnd(kBinary, {QStringLiteral("record"), QStringLiteral("--session"), session,
                                           QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        const QJsonArray files = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        const QString expected = dir.filePath(QStringLiteral("bench-%1.h5").arg(QDate::currentDate().year()));
        QCOMPARE(files.at(0).toString(), expected);
        const auto reader = ArchiveReader::open(expected.toStdString());
        QVERIFY(reader->cleanlyClosed());
        QCOMPARE(reader->channels().size(), std::size_t(6));
        // The session itself is the archive's provenance.
        const QJsonObject provenance = QJsonDocument::fromJson(QByteArray::fromStdString(reader->sessionConfig())).object();
        QCOMPARE(provenance.value(QStringLiteral("sources")).toArray().at(0).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("demo"));
    }

    void killNineLeavesEverySampleUpToTheLastFlush()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("killed.h5"));
        const quint16 port = freeUdpPort();
        QProcess* record =
            startRecorder(this, port, {QStringLiteral("-o"), archive, QStringLiteral("--flush-interval"), QStringLiteral("200ms")});
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        LineSender sender(port, 4000);
        sender.send(0, 5000);
        QTest::qWait(1000); // several flushes since the first 5000
        // Keep the stream going (about 20000 lines a second, with new channels appearing, so that the
        // kill can also land while the writer adds channels) and kill at a random moment in it.
        const int kill_after_lines = 1000 + int(QRandomGenerator::global()->bounded(30000));
        qInfo("kill -9 after %d more lines", kill_after_lines);
        sender.send(5000, kill_after_lines, true);
        record->kill();
        QVERIFY(record->waitForFinished(10000));
        QCOMPARE(record->exitStatus(), QProcess::CrashExit);

        const std::uint64_t kept = verifyPrefix(archive.toStdString());
        QVERIFY2(kept >= 5000, QByteArray::number(qulonglong(kept)).constData());
        QVERIFY(!ArchiveReader::open(archive.toStdString())->cleanlyClosed());

        const PythonRun swmr = runPython(kH5pyCount, {archive, QStringLiteral("swmr")});
        QCOMPARE(swmr.out.trimmed(), QByteArray::number(qulonglong(kept)) + " ok");
        const Run recover = runToEnd(kBinary, {QStringLiteral("recover"), archive});
        QCOMPARE(recover.exit_code, 0);
        // "recovered", or "nothing to do" when the reading above already had to clear a plain write flag
        // (a kill while the writer was adding channels).
        QVERIFY2(recover.out.contains("recovered") || recover.out.contains("nothing to do"), recover.out.constData());
        const PythonRun plain = runPython(kH5pyCount, {archive, QStringLiteral("plain")});
        QCOMPARE(plain.out.trimmed(), QByteArray::number(qulonglong(kept)) + " ok");
    }

    // Twenty recorders, each killed at its own random moment of a stream (new channels appearing too):
    // every archive opens and holds, in order and without a hole, at least what was sent a few flush
    // intervals before the kill.
    void killNineAtTwentyRandomMomentsLeavesEveryArchiveReadable()
    {
        QTemporaryDir dir;
        QRandomGenerator random(20261125);
        for (int round = 0; round < 20; ++round) {
            const QString archive = dir.filePath(QStringLiteral("killed-%1.h5").arg(round));
            const quint16 port = freeUdpPort();
            QProcess* record = startRecorder(
                this, port, {QStringLiteral("-o"), archive, QStringLiteral("--flush-interval"), QStringLiteral("50ms")});
            QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
            LineSender sender(port, 2000);
            sender.send(0, 1000);
            QTest::qWait(300); // several flushes since the first 1000
            const int more_lines = int(random.bounded(6000));
            const int pause_ms = int(random.bounded(150));
            sender.send(1000, more_lines, true);
            QThread::msleep(static_cast<unsigned long>(pause_ms));
            record->kill();
            QVERIFY(record->waitForFinished(10000));
            QCOMPARE(record->exitStatus(), QProcess::CrashExit);
            const std::uint64_t kept = verifyPrefix(archive.toStdString());
            QVERIFY2(kept >= 1000, qPrintable(QStringLiteral("round %1 (%2 more lines, kill %3 ms later): %4 kept")
                                                  .arg(round).arg(more_lines).arg(pause_ms).arg(kept)));
            delete record;
        }
    }

    // SIGTERM while the recorder rotates files several times a second: a clean exit, every file closed
    // cleanly, and every sample it received in exactly one file.
    void sigtermDuringRotationClosesEveryFileAndLosesNothing()
    {
        QTemporaryDir dir;
        const QString pattern = dir.filePath(QStringLiteral("rot.h5"));
        const quint16 port = freeUdpPort();
        QProcess* record = startRecorder(
            this, port, {QStringLiteral("-o"), pattern, QStringLiteral("--rotate"), QStringLiteral("64KB"),
                         QStringLiteral("--chunk"), QStringLiteral("256")});
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        std::atomic<bool> sending{true};
        std::thread stream([port, &sending] {
            LineSender sender(port);
            for (int first = 0; sending.load() && first < 2'000'000; first += 1000)
                sender.send(first, 1000);
        });
        QTest::qWait(700 + int(QRandomGenerator::global()->bounded(600)));
        record->terminate(); // mid-stream, with a rotation every few thousand lines
        QVERIFY(record->waitForFinished(20000));
        sending = false;
        stream.join();
        QCOMPARE(record->exitStatus(), QProcess::NormalExit);
        QCOMPARE(record->exitCode(), 0);

        const QJsonObject summary = QJsonDocument::fromJson(record->readAllStandardOutput()).object();
        const QJsonArray files = summary.value(QStringLiteral("files")).toArray();
        QVERIFY2(files.size() >= 3, QByteArray::number(files.size()).constData());
        std::uint64_t next = 0;
        for (const QJsonValue& file : files) {
            const auto reader = ArchiveReader::open(file.toString().toStdString());
            QVERIFY2(reader->cleanlyClosed(), qPrintable(file.toString()));
            const std::size_t index = channelIndex(*reader, "m.a");
            if (index >= reader->channels().size())
                continue;
            for (const double value : readSeries(*reader, index).values)
                QCOMPARE(value, double(next++));
        }
        // m.a and m.b: every sample the recorder took is in exactly one file.
        QCOMPARE(2 * next, std::uint64_t(summary.value(QStringLiteral("samples")).toInteger()));
        QVERIFY(next > 1000);
    }

    void fullDiskStopsTheRecordingWithAClearMessageAndAValidFile()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("full.h5"));
        // A 6 MB file-size limit stands in for a full disk: writes past it fail with EFBIG.
        const Run run = runToEnd(QStringLiteral("/usr/bin/prlimit"),
                                 {QStringLiteral("--fsize=6000000"), kBinary, QStringLiteral("record"),
                                  QStringLiteral("--demo"), QStringLiteral("--demo-rate"), QStringLiteral("50000"),
                                  QStringLiteral("--flush-interval"), QStringLiteral("100ms"), QStringLiteral("--chunk"),
                                  QStringLiteral("1024"), QStringLiteral("--duration"), QStringLiteral("4"),
                                  QStringLiteral("-o"), archive, QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 3);
        QVERIFY2(run.err.contains("recording stopped"), run.err.constData());
        QVERIFY2(run.err.contains("File too large"), run.err.constData());
        QVERIFY2(run.err.contains(archive.toUtf8()), run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QVERIFY(summary.value(QStringLiteral("error")).isString());
        // Ingest went on after the failure: what arrived later is counted, not silently lost.
        QVERIFY(summary.value(QStringLiteral("drops")).toObject().value(QStringLiteral("after_failure")).toInteger() > 0);

        const auto reader = ArchiveReader::open(archive.toStdString());
        QCOMPARE(reader->channels().size(), std::size_t(6));
        std::uint64_t total = 0;
        for (std::size_t i = 0; i < reader->channels().size(); ++i) {
            const Series series = readSeries(*reader, i);
            total += series.values.size();
            for (std::size_t k = 1; k < series.times.size(); ++k)
                QVERIFY(series.times[k] > series.times[k - 1]); // the demo's clean, increasing timestamps
        }
        QVERIFY(total >= std::uint64_t(summary.value(QStringLiteral("samples")).toInteger()));
        QVERIFY(total > 10000);
    }

    void rotationLosesAndDuplicatesNothing()
    {
        QTemporaryDir dir;
        const QString pattern = dir.filePath(QStringLiteral("rot.h5"));
        const quint16 port = freeUdpPort();
        QProcess* record = startRecorder(
            this, port, {QStringLiteral("-o"), pattern, QStringLiteral("--rotate"), QStringLiteral("200KB"),
                         QStringLiteral("--chunk"), QStringLiteral("512")});
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        LineSender(port).send(0, 30000);
        QTest::qWait(500);
        record->terminate();
        QVERIFY(record->waitForFinished(20000));
        QCOMPARE(record->exitCode(), 0);
        const QJsonObject summary = QJsonDocument::fromJson(record->readAllStandardOutput()).object();
        const QJsonArray files = summary.value(QStringLiteral("files")).toArray();
        QVERIFY2(files.size() >= 3, QByteArray::number(files.size()).constData());
        std::uint64_t next = 0;
        for (const QJsonValue& file : files) {
            QVERIFY(file.toString().contains(QRegularExpression(QStringLiteral("rot-\\d{8}T\\d{6}Z-\\d{4}\\.h5$"))));
            const auto reader = ArchiveReader::open(file.toString().toStdString());
            const std::size_t index = channelIndex(*reader, "m.a");
            if (index >= reader->channels().size())
                continue;
            for (const double value : readSeries(*reader, index).values)
                QCOMPARE(value, double(next++));
        }
        QCOMPARE(next, std::uint64_t(30000));
    }

    void badArchivesGiveOneLineNamingThem()
    {
        QTemporaryDir dir;
        const QString text = dir.filePath(QStringLiteral("notes.h5"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not HDF5\n");
        file.close();
        for (const QString& command : {QStringLiteral("inspect"), QStringLiteral("export"), QStringLiteral("recover")}) {
            QStringList arguments{command, text};
            if (command == QLatin1String("export"))
                arguments << QStringLiteral("--csv") << dir.filePath(QStringLiteral("x.csv"));
            const Run run = runToEnd(kBinary, arguments);
            QCOMPARE(run.exit_code, 1);
            QCOMPARE(run.err.count('\n'), 1);
            QVERIFY2(run.err.contains("not an HDF5 file") && run.err.contains(text.toUtf8()), run.err.constData());
        }
        const Run missing = runToEnd(kBinary, {QStringLiteral("inspect"), dir.filePath(QStringLiteral("nope.h5"))});
        QCOMPARE(missing.exit_code, 1);
        QVERIFY(missing.err.contains("no such file"));
        const Run bad_rotate = runToEnd(kBinary, {QStringLiteral("record"), QStringLiteral("--demo"), QStringLiteral("-o"),
                                                  dir.filePath(QStringLiteral("r.h5")), QStringLiteral("--rotate"),
                                                  QStringLiteral("lots")});
        QCOMPARE(bad_rotate.exit_code, 2);
        QVERIFY(bad_rotate.err.contains("bad --rotate 'lots'"));
        const Run bad_path = runToEnd(kBinary, {QStringLiteral("record"), QStringLiteral("--demo"), QStringLiteral("-o"),
                                                dir.filePath(QStringLiteral("no/such/dir/r.h5"))});
        QCOMPARE(bad_path.exit_code, 1);
        QVERIFY2(bad_path.err.contains("cannot create archive"), bad_path.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestRecordCli)
#include "test_record_cli.moc"
