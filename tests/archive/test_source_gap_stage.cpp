// A serial device that goes away while recording: its gap reaches the archive's source events. Real
// parts throughout: a socat pty pair, the engine with its threads, the recorder thread, an HDF5 file.
#include "core/archive/archive_reader.h"
#include "core/archive/recorder_stage.h"
#include "core/archive/source_gap_stage.h"
#include "core/engine.h"
#include "tests/support/pty_pair.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace streamscope;

namespace {

std::vector<const Source*> sourcesOf(const Engine& engine)
{
    std::vector<const Source*> sources;
    for (const auto& source : engine.sources())
        sources.push_back(source.get());
    return sources;
}

bool writeTo(const QString& device, const char* text)
{
    const int fd = ::open(device.toLocal8Bit().constData(), O_WRONLY | O_NOCTTY);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, text, std::strlen(text)) == static_cast<ssize_t>(std::strlen(text));
    ::close(fd);
    return ok;
}

} // namespace

class TestSourceGapStage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aDeviceAwayWhileRecordingIsASourceEventInTheArchive()
    {
        QTemporaryDir dir;
        test::PtyPair pty(dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("b")));
        RecorderOptions options;
        options.path = dir.filePath(QStringLiteral("gaps.h5")).toStdString();
        Recorder recorder(options);
        recorder.open();

        Engine engine;
        SerialSourceOptions serial;
        serial.port.device = pty.b().toStdString();
        serial.decoder.format = TextFormat::KeyValue;
        QVERIFY(!engine.addSerialSource(serial)); // the device is not there yet: a gap from the start
        auto recorder_stage = std::make_unique<RecorderStage>(recorder);
        engine.addStage(std::make_unique<SourceGapStage>(sourcesOf(engine), *recorder_stage));
        engine.addStage(std::move(recorder_stage));
        recorder.start();
        engine.start();

        QVERIFY(pty.start()); // plugged in: the first gap ends
        QTRY_VERIFY_WITH_TIMEOUT(engine.sourceStatus().at(0).gaps.size() == 1
                                     && engine.sourceStatus().at(0).gaps.at(0).end_ns != 0,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(writeTo(pty.a(), "x:1\n") && engine.pipeline().samplesProcessed() >= 1, 10000);
        pty.stop(); // unplugged, and still away when the recording ends
        QTRY_COMPARE_WITH_TIMEOUT(engine.sourceStatus().at(0).gaps.size(), std::size_t(2), 10000);
        engine.stop();
        recorder.stop();
        QVERIFY(!recorder.status().error);

        const std::vector<SourceGap> gaps = engine.sourceStatus().at(0).gaps;
        const auto reader = ArchiveReader::open(options.path);
        const std::vector<SourceEvent> events = reader->sourceEvents();
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(events[0].source, "serial:" + pty.b().toStdString());
        QCOMPARE(events[0].kind, std::string("gap"));
        QCOMPARE(events[0].start_ns, gaps[0].start_ns);
        QCOMPARE(events[0].end_ns, gaps[0].end_ns);
        QCOMPARE(events[1].start_ns, gaps[1].start_ns);
        QVERIFY(events[1].end_ns >= events[1].start_ns); // closed at the end of the recording
        QCOMPARE(events[1].message, std::string("device still away when the recording ended"));
    }
};

QTEST_GUILESS_MAIN(TestSourceGapStage)
#include "test_source_gap_stage.moc"
