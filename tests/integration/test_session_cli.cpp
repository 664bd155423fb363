// `streamscope validate` and `monitor --session`, through the built executable.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/streamscope_process.h"

namespace {

const QString kBinary = QStringLiteral(STREAMSCOPE_BINARY);
const QString kExamples = QStringLiteral(STREAMSCOPE_SOURCE_DIR "/resources/examples");

using Run = streamscope::test::ProcessRun;

Run runToEnd(const QStringList& arguments) { return streamscope::test::runStreamScope(arguments); }

QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& content)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestSessionCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validateAcceptsEveryExample()
    {
        const QStringList files = QDir(kExamples).entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& file : files) {
            const Run run = runToEnd({QStringLiteral("validate"), kExamples + QLatin1Char('/') + file});
            QVERIFY2(run.exit_code == 0, run.err.constData());
            QVERIFY2(run.out.contains(": valid ("), run.out.constData());
        }
    }

    void validateListsEveryProblemOnePerLine()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "bad.json", R"({
            "sources": [{"type": "demo"}, {"type": "udp", "port": "90o0"}],
            "alerts": ["temp > hot"],
            "statistics": {"windows": ["-1s"]}
        })");
        const Run run = runToEnd({QStringLiteral("validate"), path});
        QCOMPARE(run.exit_code, 2);
        QVERIFY(run.out.isEmpty());
        const QStringList lines = QString::fromUtf8(run.err).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], path + QStringLiteral(": sources[1].port: expected an integer 1-65535, got \"90o0\""));
        QVERIFY2(lines[1].startsWith(path + QStringLiteral(": statistics.windows[0]: expected")), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(path + QStringLiteral(": alerts[0]: alert rule 'temp > hot'")), qPrintable(lines[2]));
    }

    void monitorTakesSourcesWindowsAndRulesFromTheSession()
    {
        const Run run = runToEnd({QStringLiteral("monitor"), QStringLiteral("--session"),
                                  kExamples + QStringLiteral("/demo-monitor.json"), QStringLiteral("--duration"),
                                  QStringLiteral("1.2"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        const QJsonArray channels = summary.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 6);
        for (const QJsonValue& c : channels) {
            const QJsonArray windows = c.toObject().value(QStringLiteral("windows")).toArray();
            QCOMPARE(windows.size(), 3);
            QCOMPARE(windows.at(1).toObject().value(QStringLiteral("window_s")).toDouble(), 10.0);
        }
        QVERIFY(summary.value(QStringLiteral("alerts")).isArray());
    }

    void commandLineFlagsOverrideTheSession()
    {
        // --window replaces the session's three windows; --alert its rules (this one fires at once).
        const Run run = runToEnd({QStringLiteral("monitor"), QStringLiteral("--session"),
                                  kExamples + QStringLiteral("/demo-monitor.json"), QStringLiteral("--window"),
                                  QStringLiteral("250ms"), QStringLiteral("--alert"),
                                  QStringLiteral("pressure > 0 info"), QStringLiteral("--duration"),
                                  QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        const QJsonObject first = summary.value(QStringLiteral("channels")).toArray().at(0).toObject();
        const QJsonArray windows = first.value(QStringLiteral("windows")).toArray();
        QCOMPARE(windows.size(), 1);
        QCOMPARE(windows.at(0).toObject().value(QStringLiteral("window_s")).toDouble(), 0.25);
        const QJsonArray alerts = summary.value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("rule")).toString(), QStringLiteral("pressure > 0 info"));
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("info"));
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("raised"));
    }

    void aSessionWithoutSourcesTakesThemFromTheCommandLine()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "rules.json", R"({"alerts": ["heartbeat > 0 critical"]})");
        const Run without = runToEnd({QStringLiteral("monitor"), QStringLiteral("--session"), path});
        QCOMPARE(without.exit_code, 2);
        QVERIFY2(without.err.contains("has none; add --udp ADDR:PORT, --serial DEV or --demo"), without.err.constData());

        const Run with_demo = runToEnd({QStringLiteral("monitor"), QStringLiteral("--session"), path,
                                        QStringLiteral("--demo"), QStringLiteral("--duration"), QStringLiteral("1.5"),
                                        QStringLiteral("--json")});
        QVERIFY2(with_demo.exit_code == 0, with_demo.err.constData());
        const QJsonArray alerts = QJsonDocument::fromJson(with_demo.out).object().value(QStringLiteral("alerts")).toArray();
        QVERIFY(!alerts.isEmpty());
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("channel")).toString(), QStringLiteral("heartbeat"));
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    }

    void aBadFrameLayoutInASessionIsNamedWithItsPath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad-frame.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"sources": [{"type": "serial", "device": "/dev/ttyUSB0", "format": "binary",
                       "frame": "sync=AA55 le q16:seq"}]})");
        file.close();
        const Run run = runToEnd({QStringLiteral("validate"), path});
        QCOMPARE(run.exit_code, 2);
        const QString error = QString::fromUtf8(run.err);
        QVERIFY2(error.contains(QStringLiteral("sources[0].frame")) && error.contains(QStringLiteral("q16")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSessionCli)
#include "test_session_cli.moc"
