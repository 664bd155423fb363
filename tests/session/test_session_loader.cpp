#include "core/session/session_engine_setup.h"
#include "core/session/session_loader.h"
#include "core/session/session_saver.h"

#include <QDir>
#include <QJsonDocument>
#include <QTest>

using namespace streamscope;

namespace {

QStringList problemLines(const char* json)
{
    QStringList lines;
    for (const SessionProblem& p : parseSession(QByteArray(json)).problems)
        lines << QString::fromStdString(p.toString());
    return lines;
}

QString examplesDir()
{
    return QStringLiteral(STREAMSCOPE_SOURCE_DIR "/resources/examples");
}

// The message argument of QVERIFY2 is built even when the check passes.
std::string firstProblem(const SessionLoadResult& result)
{
    return result.problems.empty() ? std::string() : result.problems.front().toString();
}

std::string examplePath(const QString& file)
{
    return QString(examplesDir() + QLatin1Char('/') + file).toStdString();
}

} // namespace

class TestSessionLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsEverySection()
    {
        const SessionLoadResult result = parseSession(R"({
            "version": 1,
            "sources": [
                {"type": "udp", "address": "127.0.0.1", "port": 9000, "format": "csv", "separator": "tab",
                 "time_column": 2, "time_unit": "ms"},
                {"type": "demo", "rate": 250},
                {"type": "serial", "device": "/dev/ttyUSB0", "baud": 230400, "settings": "7E2", "format": "binary",
                 "frame": "sync=AA55 le u16:seq", "framing": "slip"}
            ],
            "channels": [{"name": "temp", "display_name": "Temperature", "unit": "degC", "scale": 0.1, "offset": -40}],
            "statistics": {"windows": ["500ms", "2m"]},
            "alerts": ["temp > 30 clear < 28 critical", "hb stale 1s"],
            "recording": {"path": "out-%Y.h5", "flush_interval": 2, "rotate": "100MB", "compression": 6},
            "gui": {"anything": [1, 2]}
        })");
        QVERIFY2(result.problems.empty(), firstProblem(result).c_str());
        const SessionConfig& c = *result.config;
        QCOMPARE(c.sources.size(), 3u);
        QCOMPARE(c.sources[0].type, SourceType::Udp);
        QCOMPARE(c.sources[0].address, std::string("127.0.0.1"));
        QCOMPARE(c.sources[0].port, std::uint16_t{9000});
        QCOMPARE(c.sources[0].decoder.format, TextFormat::Csv);
        QCOMPARE(c.sources[0].decoder.csv_separator, '\t');
        QCOMPARE(c.sources[0].decoder.csv_time_column, std::optional<int>(2));
        QCOMPARE(c.sources[0].decoder.csv_time_unit, TimeUnit::Milliseconds);
        QCOMPARE(c.sources[1].rate_hz, 250.0);
        QCOMPARE(c.sources[2].type, SourceType::Serial);
        QCOMPARE(c.sources[2].baud, 230400);
        QCOMPARE(c.sources[2].settings, std::string("7E2"));
        QVERIFY(c.sources[2].binary);
        QCOMPARE(c.sources[2].frame, std::string("sync=AA55 le u16:seq"));
        QCOMPARE(c.sources[2].framing, SerialFraming::Slip);
        QCOMPARE(c.channels.at(0).display_name, std::string("Temperature"));
        QCOMPARE(c.channels.at(0).offset, -40.0);
        QCOMPARE(c.windows, (std::vector<TimeNs>{500'000'000, 120'000'000'000}));
        QCOMPARE(c.alerts.size(), 2u);
        QCOMPARE(c.alerts[0].severity, AlertSeverity::Critical);
        QCOMPARE(c.alerts[1].kind, AlertKind::Stale);
        QCOMPARE(c.recording->flush_interval_ns, TimeNs{2'000'000'000});
        QCOMPARE(c.recording->rotate_bytes, std::optional<std::uint64_t>(100'000'000));
        QCOMPARE(c.recording->compression, 6);
        QCOMPARE(c.gui.value(QStringLiteral("anything")).toArray().size(), 2);
    }

    void reportsEveryProblemWithItsPath()
    {
        const QStringList problems = problemLines(R"({
            "version": 2,
            "sources": [
                {"type": "udp", "port": 9000},
                {"type": "udp", "address": "300.1.2.3", "port": "90o0", "prot": 1},
                {"type": "tcp"},
                "udp:9000",
                {"type": "udp", "port": 9001, "format": "xml", "frame": "u8:x"},
                {"type": "udp", "port": 9002, "format": "binary"},
                {"type": "demo", "rate": -5},
                {"type": "serial", "baud": 0, "settings": "9X1", "framing": "hdlc"},
                {"type": "udp", "port": 9003, "allow_from": ["10.0.0.0/8", 5, "lab/24"], "max_channels": "many"},
                {"type": "udp", "port": 9004, "allow_from": "10.0.0.0/8", "max_channels": 0}
            ],
            "channels": [{"unit": "V"}, {"name": "a", "scale": "big"}, {"name": "a"}, {"name": "b", "scale": 0}],
            "statistics": {"windows": ["1s", "soon"]},
            "alerts": ["temp >> 3", 42],
            "recording": {"rotate": "often", "compression": 12, "flush_interval": "x"},
            "gui": [],
            "extra": true
        })");
        const QStringList expected{
            QStringLiteral("version: expected the integer 1, got 2"),
            QStringLiteral("sources[1].address: expected an IPv4 or IPv6 address, got \"300.1.2.3\""),
            QStringLiteral("sources[1].port: expected an integer 1-65535, got \"90o0\""),
            QStringLiteral("sources[1].prot: unknown key"),
            QStringLiteral("sources[2].type: expected one of \"udp\", \"demo\", \"serial\", got \"tcp\""),
            QStringLiteral("sources[3]: expected a source object with a \"type\", got \"udp:9000\""),
            QStringLiteral("sources[4].format: expected one of \"auto\", \"csv\", \"kv\", \"influx\", \"graphite\", "
                           "\"json\", \"binary\", got \"xml\""),
            QStringLiteral("sources[4].frame: expected no frame layout unless \"format\" is \"binary\", got \"u8:x\""),
            QStringLiteral("sources[5].frame: missing: expected a non-empty string"),
            QStringLiteral("sources[6].rate: expected a number from 0.001 to 1e+06, got -5"),
            QStringLiteral("sources[7].device: missing: expected a non-empty string"),
            QStringLiteral("sources[7].baud: expected an integer 50-4000000, got 0"),
            QStringLiteral("sources[7].settings: expected data bits 5-8, parity N/E/O/M/S and stop bits 1-2, such as "
                           "\"8N1\", got \"9X1\""),
            QStringLiteral("sources[7].framing: expected one of \"none\", \"cobs\", \"slip\", got \"hdlc\""),
            QStringLiteral("sources[8].allow_from[1]: expected an IPv4 or IPv6 network such as \"192.168.1.0/24\" or "
                           "\"fd00::/8\", got 5"),
            QStringLiteral("sources[8].allow_from[2]: expected an IPv4 or IPv6 network such as \"192.168.1.0/24\" or "
                           "\"fd00::/8\", got \"lab/24\""),
            QStringLiteral("sources[8].max_channels: expected an integer 1-1000000, got \"many\""),
            QStringLiteral("sources[9].allow_from: expected an array, got \"10.0.0.0/8\""),
            QStringLiteral("sources[9].max_channels: expected an integer 1-1000000, got 0"),
            QStringLiteral("channels[0].name: missing: expected a non-empty string"),
            QStringLiteral("channels[1].scale: expected a number from -1e+15 to 1e+15, got \"big\""),
            QStringLiteral("channels[2].name: channel \"a\" is described twice"),
            QStringLiteral("channels[3].scale: expected a non-zero number from -1e+15 to 1e+15, got 0"),
            QStringLiteral("statistics.windows[1]: expected a time above zero such as \"10s\" or \"500ms\", got \"soon\""),
            QStringLiteral("alerts[0]: alert rule 'temp >> 3': expected '>', '<', 'outside', 'rate', 'stale' or 'nan' "
                           "after the channel pattern, got '>>'"),
            QStringLiteral("alerts[1]: expected a rule such as \"temp > 30 clear < 28\", got 42"),
            QStringLiteral("recording.flush_interval: expected a time such as \"500ms\", \"10s\" or \"1m\", got \"x\""),
            QStringLiteral("recording.rotate: expected a size such as \"100MB\" or a time such as \"1h\", got \"often\""),
            QStringLiteral("recording.compression: expected an integer 0-9, got 12"),
            QStringLiteral("gui: expected an object, got an array"),
            QStringLiteral("extra: unknown key"),
        };
        for (const QString& line : expected)
            QVERIFY2(problems.contains(line), qPrintable(QStringLiteral("missing: ") + line + QStringLiteral("\ngot:\n")
                                                         + problems.join(QLatin1Char('\n'))));
        QCOMPARE(problems.size(), expected.size());
    }

    void reportsWhereTheJsonBreaks()
    {
        const QStringList problems = problemLines("{\n  \"sources\": [\n    {\"type\": \"demo\",}\n  ]\n}");
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].startsWith(QStringLiteral("not JSON: ")) && problems[0].contains(QStringLiteral("line 3")),
                 qPrintable(problems[0]));
        QCOMPARE(problemLines("[1, 2]"), QStringList{QStringLiteral("expected a JSON object at the top level")});
    }

    void everyShippedExampleIsValid()
    {
        const QStringList files = QDir(examplesDir()).entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 3);
        for (const QString& file : files) {
            const SessionLoadResult result = loadSessionFile(examplePath(file));
            QVERIFY2(result.problems.empty(),
                     qPrintable(file + QStringLiteral(": ") + QString::fromStdString(firstProblem(result))));
        }
    }

    void savingAndLoadingGivesTheSameSession()
    {
        const QStringList files = QDir(examplesDir()).entryList({QStringLiteral("*.json")}, QDir::Files);
        for (const QString& file : files) {
            const auto first = loadSessionFile(examplePath(file));
            const QByteArray saved = saveSession(*first.config);
            const auto second = parseSession(saved);
            QVERIFY2(second.problems.empty(), saved.constData());
            // Saving the reloaded session writes the same bytes: nothing was lost or changed.
            QCOMPARE(saveSession(*second.config), saved);
            QCOMPARE(second.config->gui, first.config->gui);
            QCOMPARE(second.config->sources.size(), first.config->sources.size());
            QCOMPARE(second.config->alerts.size(), first.config->alerts.size());
        }
    }

    void aMissingFileIsOneProblemNamingIt()
    {
        const auto result = loadSessionFile("/nonexistent/session.json");
        QCOMPARE(result.problems.size(), 1u);
        QVERIFY(result.problems[0].toString().find("/nonexistent/session.json") != std::string::npos);
    }

    void applyingASerialSourceOpensItEvenBeforeTheDeviceExists()
    {
        // A device that is not there yet is a gap, not a failure: the source waits for it.
        const auto result = parseSession(R"({"sources": [{"type": "demo"}, {"type": "serial",
            "device": "/nonexistent/ttyStreamScope", "baud": 2000000, "settings": "8E2", "format": "binary",
            "frame": "sync=AA55 le u16:seq crc=xor8", "framing": "slip"}]})");
        QVERIFY(result.config.has_value());
        Engine engine;
        QCOMPARE(applySessionSources(*result.config, engine), std::optional<std::string>());
        QCOMPARE(engine.sources().size(), std::size_t(2));
        QCOMPARE(engine.sources()[1]->name(), std::string("serial:/nonexistent/ttyStreamScope"));
    }

    void aFrameLayoutIsCheckedWhenTheSessionLoads()
    {
        const auto result = parseSession(R"({"sources": [{"type": "udp", "port": 9000, "format": "binary",
            "frame": "le u16:seq crc=crc99"}]})");
        QVERIFY(!result.config.has_value());
        QCOMPARE(result.problems.size(), 1u);
        const std::string problem = result.problems[0].toString();
        QVERIFY2(problem.find("sources[0].frame") != std::string::npos && problem.find("crc99") != std::string::npos,
                 problem.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSessionLoader)
#include "test_session_loader.moc"
