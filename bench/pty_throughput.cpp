// Sustained zero-loss binary frame rate over a real pseudo-terminal pair (socat), as a ratio to a plain
// read() loop on the same pty in the same run. The writer writes as fast as the pty takes bytes (a
// blocking write waits for room), so the figure is how fast each reader drains the line.
#include "bench/bench_report.h"
#include "core/engine.h"
#include "core/ingest/serial_writer.h"
#include "core/protocol/frame_encoder.h"
#include "tests/support/pty_pair.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace streamscope;

namespace {

constexpr std::size_t kFrames = 1'000'000;
constexpr const char* kLayout =
    "sync=AA55 le u16:seq u16:flags f32:ax f32:ay f32:az f32:gx f32:gy f32:gz crc=crc16-ccitt";

std::vector<std::uint8_t> makeStream(const FrameLayout& layout)
{
    FrameEncoder encoder(layout, Framing::Sync);
    std::vector<std::uint8_t> stream;
    for (std::size_t i = 0; i < kFrames; ++i) {
        const double v = static_cast<double>(i % 1000);
        const double values[] = {static_cast<double>(i % 65536), 3, v, -v, v * 0.5, v * 0.25, 1.0, 2.0};
        encoder.append(stream, 0, values);
    }
    return stream;
}

void writeAll(const QString& device, const std::vector<std::uint8_t>& stream)
{
    SerialWriter writer;
    std::string error;
    if (auto failure = writer.open(*parseSerialPortSettings(device.toStdString(), error))) {
        std::fprintf(stderr, "%s\n", failure->c_str());
        std::exit(1);
    }
    constexpr std::size_t kChunk = 4096;
    for (std::size_t at = 0; at < stream.size(); at += kChunk)
        writer.write({reinterpret_cast<const char*>(stream.data()) + at, std::min(kChunk, stream.size() - at)});
}

// Reference: read() into a buffer and count bytes, nothing else.
double plainReadSeconds(const test::PtyPair& pty, const std::vector<std::uint8_t>& stream)
{
    const int fd = ::open(pty.b().toLocal8Bit().constData(), O_RDONLY | O_NOCTTY);
    std::vector<char> buffer(64 * 1024);
    const auto start = std::chrono::steady_clock::now();
    std::thread writer([&] { writeAll(pty.a(), stream); });
    std::size_t received = 0;
    while (received < stream.size()) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n <= 0)
            break;
        received += static_cast<std::size_t>(n);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writer.join();
    ::close(fd);
    return received == stream.size() ? seconds : -1.0;
}

struct EngineRun {
    double seconds = -1;
    SourceStatus status;
};

EngineRun engineSeconds(const test::PtyPair& pty, const std::vector<std::uint8_t>& stream, const FrameLayout& layout)
{
    Engine engine({.ring_batches = 4096, .history_length = 1000});
    SerialSourceOptions options;
    std::string error;
    options.port = *parseSerialPortSettings(pty.b().toStdString(), error);
    auto binary = std::make_shared<BinaryFraming>();
    binary->layout = layout;
    options.decoder.binary = binary;
    if (auto failure = engine.addSerialSource(options)) {
        std::fprintf(stderr, "%s\n", failure->c_str());
        std::exit(1);
    }
    engine.start();
    const auto start = std::chrono::steady_clock::now();
    std::thread writer([&] { writeAll(pty.a(), stream); });
    const std::uint64_t expected = kFrames * layout.fields.size();
    while (engine.pipeline().samplesProcessed() < expected
           && std::chrono::steady_clock::now() - start < std::chrono::seconds(60))
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    EngineRun run;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writer.join();
    engine.stop();
    run.status = engine.sourceStatus().at(0);
    return run;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    test::PtyPair pty(dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("b")));
    if (!pty.start()) {
        std::fprintf(stderr, "socat did not start a pty pair\n");
        return 1;
    }
    std::string error;
    const FrameLayout layout = *parseFrameLayout(kLayout, error);
    const auto stream = makeStream(layout);

    double best_plain = 1e300;
    double best_engine = 1e300;
    EngineRun last;
    for (int i = 0; i < 3; ++i) {
        const double plain = plainReadSeconds(pty, stream);
        last = engineSeconds(pty, stream, layout);
        const SourceStatus& s = last.status;
        if (plain < 0 || s.frames != kFrames || s.decode_errors != 0 || s.ring_drops != 0) {
            std::fprintf(stderr, "loss: plain %.3f s, engine %llu of %zu frames, %llu errors, %llu ring drops\n", plain,
                         static_cast<unsigned long long>(last.status.frames), kFrames,
                         static_cast<unsigned long long>(last.status.decode_errors),
                         static_cast<unsigned long long>(last.status.ring_drops));
            return 1;
        }
        best_plain = std::min(best_plain, plain);
        best_engine = std::min(best_engine, last.seconds);
    }
    const double plain_rate = kFrames / best_plain;
    const double engine_rate = kFrames / best_engine;
    std::printf("| frame | frames/s (serial source, zero loss) | frames/s (plain read loop) | ratio | frames lost |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    std::printf("| 32 bytes, crc16-ccitt, %zu frames | %.3g | %.3g | %.3f | 0 |\n", kFrames, engine_rate, plain_rate,
                engine_rate / plain_rate);
    return 0;
}
