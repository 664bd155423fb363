// Recorder and RecorderStage: the queue from the pipeline thread, rotation and overflow, on real files.
#include "archive_test_support.h"
#include "core/archive/recorder_stage.h"

#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace streamscope;
using namespace archive_test;

namespace {

constexpr TimeNs kT0 = 1'795'000'000'000'000'000;

// Feeds `count` samples per channel (value = sample number) through the stage in batches of 100.
void feed(RecorderStage& stage, int channels, int first, int count, std::chrono::microseconds pause = {})
{
    std::vector<ChannelSample> batch;
    for (int i = first; i < first + count; ++i) {
        for (int c = 0; c < channels; ++c)
            batch.push_back({kT0 + i * 1000, double(i), ChannelIndex(c)});
        if (batch.size() >= 100) {
            stage.process(batch);
            batch.clear();
            if (pause.count() > 0) {
                stage.tick(0); // sends the partly filled slot, as the pipeline does every 10 ms
                std::this_thread::sleep_for(pause);
            }
        }
    }
    stage.process(batch);
    stage.finish();
}

// Every file's samples of channel `name`, concatenated in file order.
std::vector<double> concatenated(const std::vector<std::string>& files, const std::string& name)
{
    std::vector<double> all;
    for (const std::string& file : files) {
        const auto reader = ArchiveReader::open(file);
        const std::size_t index = channelIndex(*reader, name);
        if (index >= reader->channels().size())
            continue;
        const Series series = readSeries(*reader, index);
        all.insert(all.end(), series.values.begin(), series.values.end());
    }
    return all;
}

void verifySequence(const std::vector<double>& values, int count)
{
    QCOMPARE(values.size(), std::size_t(count));
    for (int i = 0; i < count; ++i)
        QCOMPARE(values[i], double(i));
}

} // namespace

class TestRecorder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rotationBySizeLosesAndDuplicatesNothing()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("rot.h5")).toStdString();
        options.writer.chunk_samples = 256;
        options.rotate_bytes = 256 * 1024;
        options.queue_slots = 1024;
        Recorder recorder(options);
        recorder.open();
        RecorderStage stage(recorder);
        stage.channelAdded(0, {"t", "a", ""});
        stage.channelAdded(1, {"t", "b", ""});
        recorder.start();
        feed(stage, 2, 0, 100'000);
        recorder.stop();

        const RecorderStatus status = recorder.status();
        QVERIFY(!status.error);
        QCOMPARE(status.queue_overflow, std::uint64_t(0));
        QCOMPARE(status.samples_flushed, std::uint64_t(200'000));
        // 200,000 samples of 16 bytes are 3.2 MB: at least a dozen 256 KiB files.
        QVERIFY2(status.files.size() >= 10, QByteArray::number(qulonglong(status.files.size())).constData());
        QVERIFY(QString::fromStdString(status.files[0]).endsWith(QLatin1String("-0001.h5")));
        QVERIFY(QString::fromStdString(status.files[1]).endsWith(QLatin1String("-0002.h5")));
        verifySequence(concatenated(status.files, "a"), 100'000);
        verifySequence(concatenated(status.files, "b"), 100'000);
        for (const std::string& file : status.files) {
            const auto reader = ArchiveReader::open(file);
            QVERIFY(reader->cleanlyClosed());
            QCOMPARE(reader->channels().size(), std::size_t(2)); // every file declares every channel
        }
    }

    void rotationByTimeLosesAndDuplicatesNothing()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("timed.h5")).toStdString();
        options.rotate_duration = std::chrono::milliseconds(100);
        options.queue_slots = 1024;
        Recorder recorder(options);
        recorder.open();
        RecorderStage stage(recorder);
        stage.channelAdded(0, {"t", "a", ""});
        recorder.start();
        feed(stage, 1, 0, 50'000, std::chrono::microseconds(2000)); // 500 batches, at least a second
        recorder.stop();
        const RecorderStatus status = recorder.status();
        QVERIFY(status.files.size() >= 3);
        verifySequence(concatenated(status.files, "a"), 50'000);
    }

    void aCoarsePatternNeverOverwritesAnEarlierFile()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("day-%Y%m%d.h5")).toStdString();
        options.writer.chunk_samples = 256;
        options.rotate_bytes = 128 * 1024;
        options.queue_slots = 1024;
        Recorder recorder(options);
        recorder.open();
        RecorderStage stage(recorder);
        stage.channelAdded(0, {"t", "a", ""});
        recorder.start();
        feed(stage, 1, 0, 30'000);
        recorder.stop();
        const RecorderStatus status = recorder.status();
        QVERIFY(status.files.size() >= 2);
        QVERIFY(QString::fromStdString(status.files[1]).endsWith(QLatin1String("-0002.h5")));
        verifySequence(concatenated(status.files, "a"), 30'000);
    }

    void fullQueueIsCountedAndWhatWasQueuedIsRecorded()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("overflow.h5")).toStdString();
        options.queue_slots = 4;
        options.writer.chunk_samples = 10;
        Recorder recorder(options);
        recorder.open(); // not started: nothing drains the queue yet
        RecorderStage stage(recorder);
        stage.channelAdded(0, {"t", "a", ""}); // one slot
        std::vector<ChannelSample> batch;
        for (int i = 0; i < 100; ++i)
            batch.push_back({kT0 + i, double(i), 0});
        stage.process(batch); // three blocks of 10, then the queue is full
        stage.finish();
        QCOMPARE(recorder.status().queue_overflow, std::uint64_t(70));
        recorder.start();
        while (recorder.queue().sizeApprox() > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        // Once there is room again, later samples follow the recorded ones, still chunk-aligned.
        batch.clear();
        for (int i = 100; i < 125; ++i)
            batch.push_back({kT0 + i, double(i), 0});
        stage.process(batch);
        stage.finish();
        recorder.stop();
        const auto reader = ArchiveReader::open(options.path);
        std::vector<double> expected;
        for (int i = 0; i < 30; ++i)
            expected.push_back(i);
        for (int i = 100; i < 125; ++i)
            expected.push_back(i);
        QCOMPARE(readSeries(*reader, 0).values, expected);
        QCOMPARE(reader->recorderDroppedSamples(), std::uint64_t(70));
    }

    void aPartlyFilledChunkReachesTheFileAtEachFlush()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("partial.h5")).toStdString();
        options.writer.chunk_samples = 1000;
        options.flush_interval = std::chrono::milliseconds(20);
        Recorder recorder(options);
        recorder.open();
        RecorderStage stage(recorder);
        stage.channelAdded(0, {"t", "a", ""});
        recorder.start();
        std::vector<ChannelSample> batch;
        const auto flushedAfterTicks = [&](std::uint64_t expected) {
            for (int i = 0; i < 500 && recorder.status().samples_flushed < expected; ++i) {
                stage.tick(0); // as the pipeline does every 10 ms
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            return recorder.status().samples_flushed;
        };
        // 300 samples, then 1500 more: the first chunk is flushed partly filled, then completed.
        for (int i = 0; i < 300; ++i)
            batch.push_back({kT0 + i, double(i), 0});
        stage.process(batch);
        QCOMPARE(flushedAfterTicks(300), std::uint64_t(300));
        batch.clear();
        for (int i = 300; i < 1800; ++i)
            batch.push_back({kT0 + i, double(i), 0});
        stage.process(batch);
        QCOMPARE(flushedAfterTicks(1800), std::uint64_t(1800));
        // Read while still recording (SWMR): every sample up to the last flush, each once.
        verifySequence(readSeries(*ArchiveReader::open(options.path), 0).values, 1800);
        stage.finish();
        recorder.stop();
        verifySequence(readSeries(*ArchiveReader::open(options.path), 0).values, 1800);
    }

    void blocksAreReusedNotAllocatedPerMessage()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("pool.h5")).toStdString();
        options.writer.chunk_samples = 512;
        options.queue_slots = 32;
        // No flush tick during the run: a tick hands over every partly filled block at once, more than
        // the 16 slots the pacing below keeps free (it overflowed so under ASan on a loaded machine).
        options.flush_interval = std::chrono::hours(1);
        Recorder recorder(options);
        recorder.open();
        RecorderStage stage(recorder);
        for (int c = 0; c < 16; ++c)
            stage.channelAdded(ChannelIndex(c), {"t", "c" + std::to_string(c), ""});
        recorder.start();
        // 16 x 20,000 samples are 625 blocks; with the queue kept from overflowing, the pool never
        // holds more than one block per channel being filled plus one per queue slot.
        std::vector<ChannelSample> batch;
        for (int i = 0; i < 20'000; ++i) {
            for (int c = 0; c < 16; ++c)
                batch.push_back({kT0 + i, double(i), ChannelIndex(c)});
            if (batch.size() >= 1600) {
                while (recorder.queue().sizeApprox() + 16 >= recorder.queue().capacity())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                stage.process(batch);
                batch.clear();
            }
        }
        stage.process(batch);
        // finish() hands over the 16 partly filled blocks at once: wait for room for them too.
        while (recorder.queue().sizeApprox() > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        stage.finish();
        recorder.stop();
        QCOMPARE(recorder.status().queue_overflow, std::uint64_t(0));
        QCOMPARE(recorder.status().samples_flushed, std::uint64_t(16 * 20'000));
        const std::size_t made = recorder.blockPool().blocksMade();
        QVERIFY2(made <= 16 + 32 + 1, QByteArray::number(qulonglong(made)).constData());
        const auto reader = ArchiveReader::open(options.path);
        verifySequence(readSeries(*reader, channelIndex(*reader, "c15")).values, 20'000);
    }

    void eventsTravelThroughTheQueueInOrder()
    {
        QTemporaryDir dir;
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("events.h5")).toStdString();
        Recorder recorder(options);
        recorder.open();
        RecorderStage stage(recorder);
        recorder.start();
        stage.pushAlertRecord({kT0, "a", "a > 1", "warning", true, 2.0});
        stage.pushSourceEvent({"serial:/dev/ttyUSB0", "gap", kT0, kT0 + 5, "unplugged"});
        stage.finish();
        recorder.stop();
        const auto reader = ArchiveReader::open(options.path);
        QCOMPARE(reader->alertEvents().size(), std::size_t(1));
        QCOMPARE(reader->alertEvents()[0].rule, std::string("a > 1"));
        QCOMPARE(reader->sourceEvents().size(), std::size_t(1));
        QCOMPARE(reader->sourceEvents()[0].message, std::string("unplugged"));
    }

    void segmentNamesCarryTheStartTime()
    {
        const TimeNs start = 1'795'595'632'000'000'000; // 2026-11-25T08:33:52Z
        QCOMPARE(Recorder::segmentPath("out/run.h5", start, 0, false), std::string("out/run.h5"));
        QCOMPARE(Recorder::segmentPath("out/run.h5", start, 2, true), std::string("out/run-20261125T083352Z-0003.h5"));
        QCOMPARE(Recorder::segmentPath("d.x/run", start, 0, true), std::string("d.x/run-20261125T083352Z-0001"));
        QCOMPARE(Recorder::segmentPath("rig-%Y%m%d-%H%M%S.h5", start, 0, false), std::string("rig-20261125-083352.h5"));
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "test_recorder.moc"
