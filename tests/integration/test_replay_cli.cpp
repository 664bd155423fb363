// `streamscope replay` end to end with the real binary: a session recorded through `record` with alert
// rules replays to the same alert events and final statistics, and `replay --to udp://` is consumed by
// a real UdpSource (`record --udp`) with identical values.
#include "core/archive/archive_reader.h"
#include "tests/support/loopback_udp.h"
#include "tests/support/streamscope_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>
#include <tuple>

using namespace streamscope;
using namespace streamscope::test;

namespace {

const QStringList kRules = {QStringLiteral("--alert"), QStringLiteral("vibration.x > 0.9 clear < 0.5"),
                            QStringLiteral("--alert"), QStringLiteral("heartbeat stale 300ms critical"),
                            QStringLiteral("--alert"), QStringLiteral("pressure outside 1000..1020"),
                            QStringLiteral("--window"), QStringLiteral("1s"),
                            QStringLiteral("--window"), QStringLiteral("250ms")};

using AlertKey = std::tuple<qint64, std::string, std::string, std::string, bool, double>;

std::vector<AlertKey> sorted(std::vector<AlertKey> keys)
{
    std::sort(keys.begin(), keys.end());
    return keys;
}

bool sameNumber(const QJsonValue& json, double recorded)
{
    return json.isNull() ? std::isnan(recorded) : json.toDouble() == recorded;
}

} // namespace

class TestReplayCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        archive_ = dir_.filePath(QStringLiteral("demo.h5"));
        // The demo source is a known, seeded stream whose heartbeat pauses every 0.5 s (stale alerts)
        // and whose vibration crosses its threshold many times a second.
        const ProcessRun run = runStreamScope(QStringList{QStringLiteral("record"), QStringLiteral("--demo"),
                                                          QStringLiteral("-o"), archive_, QStringLiteral("--duration"),
                                                          QStringLiteral("3"), QStringLiteral("--json")}
                                              << kRules);
        QVERIFY2(run.exit_code == 0, run.err.constData());
    }

    void replayReproducesTheRecordedAlertsAndFinalStatistics()
    {
        const ProcessRun run = runStreamScope({QStringLiteral("replay"), archive_, QStringLiteral("--max-speed"),
                                               QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        const auto reader = ArchiveReader::open(archive_.toStdString());

        // Alert events: the same set, compared field by field (order within equal times aside).
        std::vector<AlertKey> recorded;
        bool stale_seen = false;
        for (const AlertRecord& r : reader->alertEvents()) {
            recorded.emplace_back(r.time_ns, r.channel, r.rule, r.severity, r.raised, r.value);
            stale_seen = stale_seen || r.rule.find("stale") != std::string::npos;
        }
        QVERIFY(recorded.size() >= 4);
        QVERIFY(stale_seen);
        std::vector<AlertKey> replayed;
        for (const QJsonValue& value : summary.value(QStringLiteral("alerts")).toArray()) {
            const QJsonObject e = value.toObject();
            replayed.emplace_back(e.value(QStringLiteral("time_ns")).toInteger(),
                                  e.value(QStringLiteral("channel")).toString().toStdString(),
                                  e.value(QStringLiteral("rule")).toString().toStdString(),
                                  e.value(QStringLiteral("severity")).toString().toStdString(),
                                  e.value(QStringLiteral("state")).toString() == QStringLiteral("raised"),
                                  e.value(QStringLiteral("value")).toDouble());
        }
        QCOMPARE(sorted(replayed), sorted(recorded));

        // Final statistics: per channel the whole session (count, min, max, mean, std, last) and each
        // window, exactly as the recording wrote them at close.
        std::map<std::string, QJsonObject> channels;
        for (const QJsonValue& value : summary.value(QStringLiteral("channels")).toArray())
            channels[value.toObject().value(QStringLiteral("name")).toString().toStdString()] = value.toObject();
        const std::vector<StatisticsRecord> statistics = reader->finalStatistics();
        QCOMPARE(statistics.size(), std::size_t(6 * 3));
        for (const StatisticsRecord& r : statistics) {
            QVERIFY2(channels.contains(r.channel), r.channel.c_str());
            const QJsonObject& channel = channels[r.channel];
            QJsonObject figures = channel;
            if (r.window_ns != 0) {
                const double window_s = static_cast<double>(r.window_ns) / 1e9;
                for (const QJsonValue& w : channel.value(QStringLiteral("windows")).toArray())
                    if (w.toObject().value(QStringLiteral("window_s")).toDouble() == window_s)
                        figures = w.toObject();
                QVERIFY(figures != channel);
            } else {
                QVERIFY(sameNumber(channel.value(QStringLiteral("last")), r.last));
            }
            const std::string what = r.channel + " window " + std::to_string(r.window_ns);
            QVERIFY2(figures.value(QStringLiteral("count")).toInteger() == static_cast<qint64>(r.summary.count),
                     what.c_str());
            QVERIFY2(sameNumber(figures.value(QStringLiteral("min")), r.summary.min), what.c_str());
            QVERIFY2(sameNumber(figures.value(QStringLiteral("max")), r.summary.max), what.c_str());
            // The channel-level "mean" of the JSON is the store's running total, summed differently from
            // the statistics stage's; the stage's own session mean is compared exactly by the parity check.
            if (r.window_ns != 0)
                QVERIFY2(sameNumber(figures.value(QStringLiteral("mean")), r.summary.mean), what.c_str());
            else
                QVERIFY2(std::abs(figures.value(QStringLiteral("mean")).toDouble() - r.summary.mean)
                             <= 1e-12 * std::max(1.0, std::abs(r.summary.mean)),
                         what.c_str());
            QVERIFY2(sameNumber(figures.value(QStringLiteral("std")), r.summary.std), what.c_str());
        }
        // And the command's own check agrees.
        const QJsonObject parity = summary.value(QStringLiteral("parity")).toObject();
        QVERIFY(parity.value(QStringLiteral("statistics_match")).toBool());
        QVERIFY(parity.value(QStringLiteral("alerts_match")).toBool());
    }

    void replayToUdpIsConsumedByALiveUdpSourceWithIdenticalValues()
    {
        const quint16 port = freeUdpPort();
        const QString copy = dir_.filePath(QStringLiteral("copy.h5"));
        QProcess receiver;
        receiver.start(kStreamScopeBinary, {QStringLiteral("record"), QStringLiteral("--udp"),
                                            QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--format"),
                                            QStringLiteral("kv"), QStringLiteral("-o"), copy,
                                            QStringLiteral("--duration"), QStringLiteral("4"), QStringLiteral("--json")});
        for (int i = 0; i < 500 && !udpPortTaken(port); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        QVERIFY(udpPortTaken(port));
        const ProcessRun sent = runStreamScope({QStringLiteral("replay"), archive_, QStringLiteral("--speed"),
                                                QStringLiteral("10"), QStringLiteral("--to"),
                                                QStringLiteral("udp://127.0.0.1:%1").arg(port),
                                                QStringLiteral("--format"), QStringLiteral("kv"), QStringLiteral("--json")});
        QVERIFY2(sent.exit_code == 0, sent.err.constData());
        QVERIFY(receiver.waitForFinished(30000));
        QVERIFY2(receiver.exitCode() == 0, receiver.readAllStandardError().constData());

        const auto original = ArchiveReader::open(archive_.toStdString());
        const auto received = ArchiveReader::open(copy.toStdString());
        std::uint64_t total = 0;
        for (std::size_t i = 0; i < original->channels().size(); ++i) {
            const std::string& name = original->channels()[i].name;
            const auto match = std::find_if(received->channels().begin(), received->channels().end(),
                                            [&](const ArchiveChannel& c) { return c.name == name; });
            QVERIFY2(match != received->channels().end(), name.c_str());
            std::vector<TimeNs> times;
            std::vector<double> sent_values;
            std::vector<double> received_values;
            original->read(i, 0, original->channels()[i].count, times, sent_values);
            received->read(static_cast<std::size_t>(match - received->channels().begin()), 0, match->count, times,
                           received_values);
            QCOMPARE(received_values, sent_values); // every value, bit for bit, in order
            total += sent_values.size();
        }
        QCOMPARE(QJsonDocument::fromJson(sent.out).object().value(QStringLiteral("samples")).toInteger(),
                 static_cast<qint64>(total));
    }

    void badValuesAreRefusedNamingThem()
    {
        const ProcessRun speed = runStreamScope({QStringLiteral("replay"), archive_, QStringLiteral("--speed"),
                                                 QStringLiteral("5000")});
        QCOMPARE(speed.exit_code, 2);
        QVERIFY(speed.err.contains("'5000'"));
        const ProcessRun to = runStreamScope({QStringLiteral("replay"), archive_, QStringLiteral("--to"),
                                              QStringLiteral("yesterday")});
        QCOMPARE(to.exit_code, 2);
        QVERIFY(to.err.contains("'yesterday'"));
        const ProcessRun csv = runStreamScope({QStringLiteral("replay"), archive_, QStringLiteral("--to"),
                                               QStringLiteral("udp://127.0.0.1:9"), QStringLiteral("--format"),
                                               QStringLiteral("csv")});
        QCOMPARE(csv.exit_code, 2);
        QVERIFY(csv.err.contains("csv"));
        const ProcessRun missing = runStreamScope({QStringLiteral("replay"), dir_.filePath(QStringLiteral("nope.h5"))});
        QCOMPARE(missing.exit_code, 1);
        QVERIFY(missing.err.contains("nope.h5"));
    }

private:
    QTemporaryDir dir_;
    QString archive_;
};

QTEST_GUILESS_MAIN(TestReplayCli)
#include "test_replay_cli.moc"
