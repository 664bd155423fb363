// RecordingSwitch: recordings that start and stop while the pipeline runs. The test thread plays the
// pipeline (process, tick, finish); the controlling side runs where the GUI would.
#include "archive_test_support.h"
#include "core/archive/recording_switch.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace streamscope;
using namespace archive_test;

namespace {

constexpr TimeNs kT0 = 1'795'000'000'000'000'000;

void feed(RecordingSwitch& stage, ChannelIndex channel, int first, int count)
{
    std::vector<ChannelSample> batch;
    for (int i = first; i < first + count; ++i)
        batch.push_back({kT0 + i * 1000, double(i), channel});
    stage.process(batch);
}

RecorderOptions optionsFor(const QString& path)
{
    RecorderOptions options;
    options.path = path.toStdString();
    options.writer.app_version = "test";
    return options;
}

// stop() waits for the pipeline's next tick: this pipeline ticks until it has returned.
RecorderStatus stopWhileTicking(RecordingSwitch& stage)
{
    std::atomic<bool> stopped{false};
    RecorderStatus status;
    std::thread controller([&] {
        status = stage.stop();
        stopped = true;
    });
    while (!stopped) {
        stage.tick(0);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    controller.join();
    return status;
}

} // namespace

class TestRecordingSwitch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recordsExactlyWhatPassesBetweenStartAndStop()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.h5"));
        RecordingSwitch stage;
        stage.channelAdded(0, {"udp", "a", "V"});
        feed(stage, 0, 0, 10); // before the recording

        QVERIFY(!stage.start(optionsFor(path)));
        QVERIFY(stage.recording());
        feed(stage, 0, 10, 5); // still before the hand-over at the next tick
        stage.tick(0);
        feed(stage, 0, 15, 10);
        stage.channelAdded(1, {"udp", "b", ""}); // a channel that appears during the recording
        feed(stage, 1, 0, 3);
        AlertEvent alert;
        alert.time_ns = kT0 + 20'000;
        alert.channel_name = "a";
        alert.rule = "a > 19 critical";
        alert.severity = AlertSeverity::Critical;
        alert.value = 20.0;
        stage.onAlertEvent(alert);
        const RecorderStatus status = stopWhileTicking(stage);
        QVERIFY(!stage.recording());
        QCOMPARE(status.samples_flushed, 13u);
        feed(stage, 0, 25, 5); // after the recording: goes nowhere, and nothing breaks

        const auto reader = ArchiveReader::open(path.toStdString());
        QVERIFY(reader->cleanlyClosed());
        QCOMPARE(reader->channels().size(), 2u);
        const Series a = readSeries(*reader, channelIndex(*reader, "a"));
        QCOMPARE(a.values.size(), 10u);
        QCOMPARE(a.values.front(), 15.0);
        QCOMPARE(a.values.back(), 24.0);
        QCOMPARE(reader->channels()[channelIndex(*reader, "a")].unit, std::string("V")); // announced before the recording
        QCOMPARE(readSeries(*reader, channelIndex(*reader, "b")).values.size(), 3u);
        const auto alerts = reader->alertEvents();
        QCOMPARE(alerts.size(), 1u);
        QCOMPARE(alerts[0].rule, std::string("a > 19 critical"));
        QCOMPARE(alerts[0].severity, std::string("critical"));
    }

    void aSecondRecordingIsANewWholeArchive()
    {
        QTemporaryDir dir;
        RecordingSwitch stage;
        stage.channelAdded(0, {"udp", "a", ""});
        for (int run = 0; run < 2; ++run) {
            const QString path = dir.filePath(QStringLiteral("run%1.h5").arg(run));
            QVERIFY(!stage.start(optionsFor(path)));
            stage.tick(0);
            feed(stage, 0, run * 100, 7);
            stopWhileTicking(stage);
            const auto reader = ArchiveReader::open(path.toStdString());
            const Series a = readSeries(*reader, 0);
            QCOMPARE(a.values.size(), 7u);
            QCOMPARE(a.values.front(), double(run * 100));
        }
    }

    void stoppingAfterThePipelineFinishedDoesNotWait()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.h5"));
        RecordingSwitch stage;
        stage.channelAdded(0, {"udp", "a", ""});
        QVERIFY(!stage.start(optionsFor(path)));
        stage.tick(0);
        feed(stage, 0, 0, 4);
        stage.finish(); // the engine stopped
        QCOMPARE(stage.stop().samples_flushed, 4u);

        // Started after the end: an archive with the channels and no samples.
        const QString late = dir.filePath(QStringLiteral("late.h5"));
        QVERIFY(!stage.start(optionsFor(late)));
        QCOMPARE(stage.stop().samples_flushed, 0u);
        const auto reader = ArchiveReader::open(late.toStdString());
        QCOMPARE(reader->channels().size(), 1u);
    }

    void aPathThatCannotBeCreatedIsAnErrorNamingIt()
    {
        RecordingSwitch stage;
        const auto error = stage.start(optionsFor(QStringLiteral("/nonexistent-dir/run.h5")));
        QVERIFY(error);
        QVERIFY2(error->find("/nonexistent-dir/run.h5") != std::string::npos, error->c_str());
        QVERIFY(!stage.recording());
    }

    void startingTwiceNamesTheFileBeingWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.h5"));
        RecordingSwitch stage;
        QVERIFY(!stage.start(optionsFor(path)));
        const auto error = stage.start(optionsFor(dir.filePath(QStringLiteral("other.h5"))));
        QVERIFY(error);
        QVERIFY2(error->find("already recording to " + path.toStdString()) != std::string::npos, error->c_str());
        stage.finish();
        stage.stop();
    }
};

QTEST_GUILESS_MAIN(TestRecordingSwitch)
#include "test_recording_switch.moc"
