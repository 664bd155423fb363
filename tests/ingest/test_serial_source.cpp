// Integration: serial sources over real pseudo-terminal pairs (socat), through the ingest thread, the
// ring and the pipeline into the channel store.
#include "core/engine.h"
#include "core/ingest/serial_writer.h"
#include "core/protocol/frame_encoder.h"
#include "tests/support/pty_pair.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <random>
#include <thread>

using namespace streamscope;

namespace {

constexpr std::string_view kImuLayout = "sync=AA55 le u16:seq f32:ax f32:ay f32:az crc=crc16-ccitt";

TimeNs nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

SerialSourceOptions serialOn(const QString& device, std::string_view frame_layout = {})
{
    SerialSourceOptions options;
    std::string error;
    options.port = *parseSerialPortSettings(device.toStdString() + ":2000000", error);
    options.decoder.format = TextFormat::KeyValue;
    if (!frame_layout.empty()) {
        auto binary = std::make_shared<BinaryFraming>();
        binary->layout = *parseFrameLayout(frame_layout, error);
        options.decoder.binary = binary;
    }
    return options;
}

// Writes `bytes` in random pieces of 1..max_piece bytes, now and then pausing so that the reader sees
// the pieces in separate reads.
void writeInPieces(SerialWriter& writer, std::string_view bytes, std::uint32_t seed, std::size_t max_piece = 40)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> piece(1, max_piece);
    for (std::size_t at = 0, n = 0; at < bytes.size(); at += n) {
        n = std::min(piece(random), bytes.size() - at);
        QVERIFY2(writer.write(bytes.substr(at, n)), writer.lastError().c_str());
        if (random() % 16 == 0)
            std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
}

const SerialSource& serialSource(const Engine& engine)
{
    return dynamic_cast<const SerialSource&>(*engine.sources().at(0));
}

} // namespace

class TestSerialSource : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString pathA() const { return dir_.filePath(QStringLiteral("a")); }
    QString pathB() const { return dir_.filePath(QStringLiteral("b")); }

    static std::unique_ptr<SerialWriter> openWriter(const QString& device)
    {
        auto writer = std::make_unique<SerialWriter>();
        std::string error;
        const auto failure = writer->open(*parseSerialPortSettings(device.toStdString() + ":2000000", error));
        if (failure)
            qFatal("cannot open %s: %s", qPrintable(device), failure->c_str());
        return writer;
    }

private slots:
    void textLinesWrittenInRandomPiecesArriveCompleteAndInOrder()
    {
        test::PtyPair pty(pathA(), pathB());
        QVERIFY(pty.start());
        Engine engine;
        QVERIFY(!engine.addSerialSource(serialOn(pty.b())));
        engine.start();

        constexpr int kLines = 5000;
        std::string text;
        for (int n = 0; n < kLines; ++n)
            text += "seq:" + std::to_string(n) + ",twice=" + std::to_string(2 * n) + (n % 2 ? "\n" : "\r\n");
        auto writer = openWriter(pty.a());
        writeInPieces(*writer, text, 1);

        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(2 * kLines), 20000);
        engine.stop();
        const HistorySlice seq = engine.store().readHistorySince(0, 0);
        const HistorySlice twice = engine.store().readHistorySince(1, 0);
        QCOMPARE(seq.values.size(), std::size_t(kLines));
        for (int n = 0; n < kLines; ++n) {
            QCOMPARE(seq.values[static_cast<std::size_t>(n)], double(n));
            QCOMPARE(twice.values[static_cast<std::size_t>(n)], double(2 * n));
        }
        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.name, "serial:" + pty.b().toStdString());
        QCOMPARE(status.frames, std::uint64_t(kLines));
        QCOMPARE(status.decode_errors, std::uint64_t(0));
        QVERIFY2(status.datagrams > 10, "the lines should have come in many separate reads");
    }

    void binaryFramesWithGarbageBetweenThemCostOnlyTheGarbage()
    {
        test::PtyPair pty(pathA(), pathB());
        QVERIFY(pty.start());
        Engine engine;
        QVERIFY(!engine.addSerialSource(serialOn(pty.b(), kImuLayout)));
        engine.start();

        std::string error;
        FrameEncoder encoder(*parseFrameLayout(kImuLayout, error), Framing::Sync);
        std::vector<std::uint8_t> stream;
        constexpr int kFrames = 3000;
        int garbage_runs = 0;
        for (int seq = 0; seq < kFrames; ++seq) {
            if (seq % 100 == 50) {
                // Garbage with no 0xAA in it, so that it cannot start a frame of its own.
                for (int i = 0; i < 1 + seq % 37; ++i)
                    stream.push_back(static_cast<std::uint8_t>((seq * 7 + i * 13) % 0xA0));
                ++garbage_runs;
            }
            const double values[] = {double(seq), seq * 0.5, -seq * 0.25, 1.0};
            encoder.append(stream, 0, values);
        }
        auto writer = openWriter(pty.a());
        writeInPieces(*writer, {reinterpret_cast<const char*>(stream.data()), stream.size()}, 2);

        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(4 * kFrames), 20000);
        engine.stop();
        const HistorySlice seq = engine.store().readHistorySince(0, 0);
        const HistorySlice ay = engine.store().readHistorySince(2, 0);
        QCOMPARE(seq.values.size(), std::size_t(kFrames));
        for (int n = 0; n < kFrames; ++n) {
            QCOMPARE(seq.values[static_cast<std::size_t>(n)], double(n));
            QCOMPARE(ay.values[static_cast<std::size_t>(n)], -n * 0.25);
        }
        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.frames, std::uint64_t(kFrames));
        QCOMPARE(serialSource(engine).counters().errors.count(DecodeError::Garbage), std::uint64_t(garbage_runs));
        QCOMPARE(status.decode_errors, std::uint64_t(garbage_runs));
    }

    void anUnpluggedDeviceIsReopenedWhenItReturnsAndTheGapIsRecorded()
    {
        test::PtyPair pty(pathA(), pathB());
        QVERIFY(pty.start());
        Engine engine;
        QVERIFY(!engine.addSerialSource(serialOn(pty.b())));
        engine.start();
        {
            auto writer = openWriter(pty.a());
            QVERIFY(writer->write("x:1\n"));
            QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(1), 10000);
        }
        const TimeNs unplugged = nowNs();
        pty.stop(); // both ends vanish, as when a USB adapter is pulled
        QTRY_COMPARE_WITH_TIMEOUT(serialSource(engine).gaps().size(), std::size_t(1), 10000);
        QVERIFY(!serialSource(engine).connected());
        QCOMPARE(serialSource(engine).gaps().at(0).end_ns, TimeNs(0)); // still away

        std::this_thread::sleep_for(std::chrono::milliseconds(2500)); // long enough for the backoff to reach its cap
        QVERIFY(pty.start());
        const TimeNs returned = nowNs();
        QTRY_VERIFY_WITH_TIMEOUT(serialSource(engine).connected(), 10000);
        auto writer = openWriter(pty.a());
        QVERIFY(writer->write("x:2\n"));
        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(2), 10000);
        engine.stop();

        const SourceGap gap = serialSource(engine).gaps().at(0);
        QVERIFY(gap.start_ns >= unplugged);
        QVERIFY(gap.end_ns >= returned);
        // The retry interval is capped at 1 s; the extra half second is room for a loaded machine.
        QVERIFY2(gap.end_ns - returned < 1'500'000'000, qPrintable(QString::number((gap.end_ns - returned) / 1e6)));
        QCOMPARE(engine.store().snapshot().at(0).totals.last, 2.0);
        QCOMPARE(engine.sourceStatus().at(0).gaps.size(), std::size_t(1));
    }

    // The adapter is pulled in the middle of a frame and plugged back in: the frames before and after
    // decode, the cut one is lost (never merged with what follows into a wrong sample), the gap is reported.
    void aDeviceUnpluggedMidFrameDecodesAgainWhenItReturns_data()
    {
        QTest::addColumn<bool>("binary");
        QTest::newRow("binary frames") << true;
        QTest::newRow("text lines") << false;
    }

    void aDeviceUnpluggedMidFrameDecodesAgainWhenItReturns()
    {
        QFETCH(bool, binary);
        test::PtyPair pty(pathA(), pathB());
        QVERIFY(pty.start());
        Engine engine;
        QVERIFY(!engine.addSerialSource(binary ? serialOn(pty.b(), kImuLayout) : serialOn(pty.b())));
        engine.start();

        std::string error;
        FrameEncoder encoder(*parseFrameLayout(kImuLayout, error), Framing::Sync);
        const auto frames = [&](int first, int last) {
            std::vector<std::uint8_t> bytes;
            std::string text;
            for (int seq = first; seq <= last; ++seq) {
                const double values[] = {double(seq), 1.0, 2.0, 3.0};
                encoder.append(bytes, 0, values);
                text += "seq:" + std::to_string(seq) + ",ax:1,ay:2,az:3\n";
            }
            return binary ? std::string(bytes.begin(), bytes.end()) : text;
        };
        {
            auto writer = openWriter(pty.a());
            const std::string cut = frames(100, 100);
            QVERIFY(writer->write(frames(0, 99) + cut.substr(0, cut.size() / 2)));
            QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(4 * 100), 10000);
        }
        pty.stop();
        QTRY_COMPARE_WITH_TIMEOUT(serialSource(engine).gaps().size(), std::size_t(1), 10000);
        QVERIFY(pty.start());
        QTRY_VERIFY_WITH_TIMEOUT(serialSource(engine).connected(), 10000);
        auto writer = openWriter(pty.a());
        QVERIFY(writer->write(frames(101, 199)));
        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(4 * 199), 10000);
        engine.stop();

        const HistorySlice seq = engine.store().readHistorySince(0, 0);
        QCOMPARE(seq.values.size(), std::size_t(199));
        for (std::size_t i = 0; i < seq.values.size(); ++i)
            QCOMPARE(seq.values[i], double(i < 100 ? i : i + 1));
        QCOMPARE(engine.store().channelCount(), std::size_t(4)); // no channel made of a cut name
        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.gaps.size(), std::size_t(1));
        QVERIFY(status.gaps.at(0).end_ns > status.gaps.at(0).start_ns);
    }

    void aDeviceMissingAtStartIsWaitedForLikeAnUnpluggedOne()
    {
        test::PtyPair pty(pathA(), pathB());
        Engine engine;
        QVERIFY(!engine.addSerialSource(serialOn(pty.b()))); // not there yet: no error
        engine.start();
        QCOMPARE(serialSource(engine).gaps().size(), std::size_t(1));
        QVERIFY(!serialSource(engine).connected());

        QVERIFY(pty.start());
        QTRY_VERIFY_WITH_TIMEOUT(serialSource(engine).connected(), 10000);
        auto writer = openWriter(pty.a());
        QVERIFY(writer->write("late:7\n"));
        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(1), 10000);
        engine.stop();
        QVERIFY(serialSource(engine).gaps().at(0).end_ns != 0);
        QCOMPARE(engine.store().snapshot().at(0).info.name, std::string("late"));
    }

    void aBusyDeviceIsAnErrorNamingIt()
    {
        test::PtyPair pty(pathA(), pathB());
        QVERIFY(pty.start());
        Engine first;
        QVERIFY(!first.addSerialSource(serialOn(pty.b())));
        Engine second;
        const auto error = second.addSerialSource(serialOn(pty.b()));
        QVERIFY(error.has_value());
        QCOMPARE(*error, "serial:" + pty.b().toStdString() + ": busy (another program has it open)");
    }

    void aPathThatIsNotATerminalIsAnError()
    {
        Engine engine;
        const auto error = engine.addSerialSource(serialOn(QStringLiteral("/dev/null")));
        QVERIFY(error.has_value());
        QVERIFY2(QString::fromStdString(*error).startsWith(QStringLiteral("serial:/dev/null: not a serial device: ")),
                 error->c_str());
    }
};

QTEST_GUILESS_MAIN(TestSerialSource)
#include "test_serial_source.moc"
