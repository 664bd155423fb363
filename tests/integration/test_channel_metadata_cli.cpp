// Channel metadata from a session file (unit, display name, scale/offset), end to end: a real kv stream
// over 127.0.0.1 into `monitor --session` and `record --session`, the archive read back by StreamScope,
// by `inspect` and by Debian's h5py.
#include "../archive/archive_test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "tests/support/loopback_udp.h"
#include "tests/support/streamscope_process.h"

using namespace archive_test;

namespace {

const QString kBinary = QStringLiteral(STREAMSCOPE_BINARY);

bool portTaken(quint16 port) { return streamscope::test::udpPortTaken(port); }

// `temp` arrives in tenths of a kelvin above -40 °C (raw 650 is 25 °C); `pressure` is not described.
// The rule is in engineering units: on the raw values it would raise at the first sample.
QString writeSession(const QTemporaryDir& dir, quint16 port)
{
    const QByteArray content = R"({
        "version": 1,
        "sources": [{"type": "udp", "address": "127.0.0.1", "port": )" + QByteArray::number(port) + R"(, "format": "kv"}],
        "channels": [{"name": "temp", "display_name": "Coolant temperature", "unit": "degC", "scale": 0.1, "offset": -40},
                     {"name": "tem", "unit": "not this one: names match exactly"}],
        "alerts": ["temp > 30 clear < 28"]
    })";
    const QString path = dir.filePath(QStringLiteral("session.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// Raw temp 650, 650, ... then 750 (35 °C) for ten samples, then 650 again; pressure 1013 throughout.
std::vector<double> rawTemperatures()
{
    std::vector<double> raw;
    for (int i = 0; i < 30; ++i)
        raw.push_back(i >= 10 && i < 20 ? 750.0 : 650.0);
    return raw;
}

void sendStream(quint16 port)
{
    const streamscope::test::LoopbackUdpSocket sender;
    for (const double raw : rawTemperatures()) {
        const QByteArray line = "temp=" + QByteArray::number(raw) + " pressure=1013\n";
        QCOMPARE(sender.sendTo(port, line), qint64(line.size()));
        QTest::qWait(20);
    }
    QTest::qWait(300);
}

// The command has bound the port: stream, stop it as Ctrl+C would, and take its JSON summary.
QJsonObject streamAndStop(QProcess& process, quint16 port)
{
    sendStream(port);
    process.terminate();
    if (!process.waitForFinished(20000) || process.exitCode() != 0)
        qWarning("%s", process.readAllStandardError().constData());
    const QByteArray output = process.readAllStandardOutput();
    return QJsonDocument::fromJson(output).object();
}

QJsonObject channelNamed(const QJsonArray& channels, const QString& name)
{
    for (const QJsonValue& c : channels)
        if (c.toObject().value(QStringLiteral("name")).toString() == name)
            return c.toObject();
    return {};
}

const QString kH5pyAttributes = QStringLiteral(R"(
import h5py, sys
with h5py.File(sys.argv[1], "r") as f:
    for g in f["channels"].values():
        name = g.attrs["name"]
        name = name.decode() if isinstance(name, bytes) else name
        if name == "temp":
            unit, shown = g.attrs["unit"], g.attrs["display_name"]
            print(unit.decode() if isinstance(unit, bytes) else unit)
            print(shown.decode() if isinstance(shown, bytes) else shown)
            print(min(g["value"][:]), max(g["value"][:]))
)");

} // namespace

class TestChannelMetadataCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void monitorShowsEngineeringValuesWithUnitAndDisplayName()
    {
        QTemporaryDir dir;
        const quint16 port = streamscope::test::freeUdpPort();
        QProcess monitor;
        monitor.start(kBinary, {QStringLiteral("monitor"), QStringLiteral("--session"), writeSession(dir, port),
                                QStringLiteral("--json")});
        QVERIFY(monitor.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        const QJsonObject summary = streamAndStop(monitor, port);
        QVERIFY(!summary.isEmpty());
        const QJsonArray channels = summary.value(QStringLiteral("channels")).toArray();
        // A described name that no channel had is pointed out, not silently ignored.
        const QByteArray notes = monitor.readAllStandardError();
        QVERIFY2(notes.contains("session describes channel \"tem\", but no source sent"), notes.constData());
        QVERIFY2(!notes.contains("\"temp\""), notes.constData());

        const QJsonObject temp = channelNamed(channels, QStringLiteral("temp"));
        QCOMPARE(temp.value(QStringLiteral("unit")).toString(), QStringLiteral("degC"));
        QCOMPARE(temp.value(QStringLiteral("display_name")).toString(), QStringLiteral("Coolant temperature"));
        QCOMPARE(temp.value(QStringLiteral("count")).toInt(), 30);
        QCOMPARE(temp.value(QStringLiteral("min")).toDouble(), 25.0);
        QCOMPARE(temp.value(QStringLiteral("max")).toDouble(), 35.0);
        QCOMPARE(temp.value(QStringLiteral("last")).toDouble(), 25.0);
        QCOMPARE(temp.value(QStringLiteral("mean")).toDouble(), (20 * 25.0 + 10 * 35.0) / 30);

        const QJsonObject pressure = channelNamed(channels, QStringLiteral("pressure"));
        QCOMPARE(pressure.value(QStringLiteral("unit")).toString(), QString());
        QCOMPARE(pressure.value(QStringLiteral("display_name")).toString(), QString());
        QCOMPARE(pressure.value(QStringLiteral("max")).toDouble(), 1013.0); // raw: not described

        // The threshold is in degrees: raised at the first 35 °C sample, cleared at the first 25 °C after.
        const QJsonArray alerts = summary.value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(alerts[0].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("raised"));
        QCOMPARE(alerts[0].toObject().value(QStringLiteral("value")).toDouble(), 35.0);
        QCOMPARE(alerts[1].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("cleared"));
        QCOMPARE(alerts[1].toObject().value(QStringLiteral("value")).toDouble(), 25.0);
    }

    void theArchiveHoldsEngineeringValuesWithUnitAndDisplayNameAttributes()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("run.h5"));
        const quint16 port = streamscope::test::freeUdpPort();
        QProcess record;
        record.start(kBinary, {QStringLiteral("record"), QStringLiteral("--session"), writeSession(dir, port),
                               QStringLiteral("-o"), archive, QStringLiteral("--json")});
        QVERIFY(record.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(portTaken(port), 10000);
        QVERIFY(!streamAndStop(record, port).isEmpty());

        const auto reader = streamscope::ArchiveReader::open(archive.toStdString());
        const std::size_t temp = channelIndex(*reader, "temp");
        QVERIFY(temp < reader->channels().size());
        QCOMPARE(reader->channels()[temp].unit, std::string("degC"));
        QCOMPARE(reader->channels()[temp].display_name, std::string("Coolant temperature"));
        const Series series = readSeries(*reader, temp);
        const std::vector<double> raw = rawTemperatures();
        QCOMPARE(series.values.size(), raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i)
            QCOMPARE(series.values[i], raw[i] * 0.1 - 40.0);
        const std::size_t pressure = channelIndex(*reader, "pressure");
        QVERIFY(pressure < reader->channels().size());
        QCOMPARE(reader->channels()[pressure].unit, std::string());
        QCOMPARE(readSeries(*reader, pressure).values.front(), 1013.0);

        // The alert events in the archive carry engineering values too.
        const auto alerts = reader->alertEvents();
        QCOMPARE(alerts.size(), std::size_t(2));
        QCOMPARE(alerts[0].value, 35.0);

        const PythonRun python = runPython(kH5pyAttributes, {archive});
        QVERIFY2(python.exit_code == 0, python.err.constData());
        QCOMPARE(python.out, QByteArray("degC\nCoolant temperature\n25.0 35.0\n"));

        const auto inspect =
            streamscope::test::runStreamScope({QStringLiteral("inspect"), archive, QStringLiteral("--json")});
        QCOMPARE(inspect.exit_code, 0);
        const QJsonArray channels =
            QJsonDocument::fromJson(inspect.out).object().value(QStringLiteral("channels")).toArray();
        const QJsonObject shown = channelNamed(channels, QStringLiteral("temp"));
        QCOMPARE(shown.value(QStringLiteral("unit")).toString(), QStringLiteral("degC"));
        QCOMPARE(shown.value(QStringLiteral("display_name")).toString(), QStringLiteral("Coolant temperature"));
        QCOMPARE(shown.value(QStringLiteral("max")).toDouble(), 35.0);
        const auto text = streamscope::test::runStreamScope({QStringLiteral("inspect"), archive});
        const QList<QByteArray> lines = text.out.split('\n');
        const auto row = std::find_if(lines.begin(), lines.end(),
                                      [](const QByteArray& line) { return line.startsWith("temp (Coolant temperature) "); });
        QVERIFY2(row != lines.end() && row->simplified().split(' ').at(3) == "degC", text.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestChannelMetadataCli)
#include "test_channel_metadata_cli.moc"
