// Sustained HDF5 recording throughput with 16 channels, as a ratio to plain write() of the same bytes
// (16 per sample) to the same directory in the same run, and the archive's size against those raw bytes.
// Prints Markdown tables for BENCHMARKS.md. Usage: bench_recording_throughput [DIR] (default: the
// current directory, so that both sides hit the same disk).
#include "bench/bench_report.h"
#include "core/archive/recorder_stage.h"

#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <numbers>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace streamscope;

namespace {

constexpr std::size_t kChannels = 16;
constexpr std::size_t kPerChannel = 1'000'000;
constexpr std::size_t kSamples = kChannels * kPerChannel;
constexpr std::size_t kFlushEvery = 1'000'000; // samples; about 0.1 s at the target rate (policy: >= 1 per s)
constexpr std::size_t kTable = 65536;
constexpr TimeNs kT0 = 1'795'000'000'000'000'000;

// Sensor-like values: a slow sine plus noise, to 3 decimals, as devices send them.
std::vector<double> makeValues()
{
    std::vector<double> values(kChannels * kTable);
    std::uint32_t state = 12345;
    for (std::size_t c = 0; c < kChannels; ++c) {
        for (std::size_t i = 0; i < kTable; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (static_cast<double>(state >> 8) / double(1 << 24) - 0.5) * 0.2;
            const double v = (c + 1) * 10.0 + 5.0 * std::sin(2 * std::numbers::pi * double(i) / (500.0 + double(c))) + noise;
            values[c * kTable + i] = std::round(v * 1000.0) / 1000.0;
        }
    }
    return values;
}

std::uint64_t fileSize(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? static_cast<std::uint64_t>(info.st_size) : 0;
}

// The reference: the same 16 bytes per sample through write() in 1 MiB blocks, then close.
double plainWriteSeconds(const std::string& path)
{
    return bench::bestSeconds(3, [&] {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::vector<char> block(1 << 20);
        std::size_t filled = 0;
        for (std::size_t i = 0; i < kSamples; ++i) {
            const TimeNs t = kT0 + TimeNs(i / kChannels) * 1'000'000;
            const double v = double(i);
            std::memcpy(block.data() + filled, &t, 8);
            std::memcpy(block.data() + filled + 8, &v, 8);
            filled += 16;
            if (filled == block.size()) {
                if (::write(fd, block.data(), filled) != static_cast<ssize_t>(filled))
                    std::abort();
                filled = 0;
            }
        }
        if (filled > 0 && ::write(fd, block.data(), filled) != static_cast<ssize_t>(filled))
            std::abort();
        ::close(fd);
    });
}

// The recorder thread's work alone: interleaved samples into ArchiveWriter, flushed every kFlushEvery.
double writerSeconds(const std::string& path, const std::vector<double>& values, ArchiveWriterOptions options)
{
    return bench::bestSeconds(2, [&] {
        auto writer = ArchiveWriter::create(path, options);
        for (std::size_t c = 0; c < kChannels; ++c)
            writer->addChannel(ChannelIndex(c), {"bench", "ch" + std::to_string(c), ""});
        for (std::size_t i = 0; i < kPerChannel; ++i) {
            const TimeNs t = kT0 + TimeNs(i) * 1'000'000;
            for (std::size_t c = 0; c < kChannels; ++c)
                writer->append(ChannelIndex(c), t, values[c * kTable + i % kTable]);
            if ((i * kChannels) % kFlushEvery == 0)
                writer->flush();
        }
        writer->close(kT0, 0);
    });
}

// The whole path: RecorderStage on this thread (as the pipeline), the queue, the recorder thread.
double recorderSeconds(const std::string& path, const std::vector<double>& values, ArchiveWriterOptions options,
                       std::uint64_t& overflow)
{
    return bench::bestSeconds(2, [&] {
        RecorderOptions recorder_options;
        recorder_options.path = path;
        recorder_options.writer = options;
        recorder_options.flush_interval = std::chrono::milliseconds(100);
        Recorder recorder(recorder_options);
        recorder.open();
        RecorderStage stage(recorder);
        for (std::size_t c = 0; c < kChannels; ++c)
            stage.channelAdded(ChannelIndex(c), {"bench", "ch" + std::to_string(c), ""});
        recorder.start();
        std::vector<ChannelSample> batch;
        batch.reserve(1024);
        for (std::size_t i = 0; i < kPerChannel; ++i) {
            const TimeNs t = kT0 + TimeNs(i) * 1'000'000;
            for (std::size_t c = 0; c < kChannels; ++c)
                batch.push_back({t, values[c * kTable + i % kTable], ChannelIndex(c)});
            if (batch.size() >= 1024) {
                // Backpressure for the benchmark only (the pipeline never waits): measure the recorder's
                // sustained rate, not how fast a full queue drops.
                while (recorder.queue().sizeApprox() + 2 >= recorder.queue().capacity())
                    std::this_thread::yield();
                stage.process(batch);
                batch.clear();
            }
        }
        stage.process(batch);
        stage.finish();
        recorder.stop();
        overflow = recorder.status().queue_overflow;
    });
}

} // namespace

int main(int argc, char** argv)
{
    const std::filesystem::path dir = std::filesystem::path(argc > 1 ? argv[1] : ".") / "recording_bench.tmp";
    std::filesystem::create_directories(dir);
    const std::string raw_path = (dir / "raw.bin").string();
    const std::string archive_path = (dir / "bench.h5").string();
    const std::vector<double> values = makeValues();
    const double raw_bytes = double(kSamples) * 16.0;

    const double write_s = plainWriteSeconds(raw_path);
    const double write_rate = double(kSamples) / write_s;

    std::printf("16 channels x %zu samples; reference write(): %.1f M samples/s (%.0f MB/s)\n\n", kPerChannel,
                write_rate / 1e6, raw_bytes / write_s / 1e6);
    std::printf("| chunk (samples) | compression | M samples/s | ratio to write() | archive size / raw 16 B per sample |\n");
    std::printf("|---:|---|---:|---:|---:|\n");
    for (const std::size_t chunk : {4096, 16384, 32768, 65536, 262144}) {
        for (const ArchiveCompression compression : {ArchiveCompression::Off, ArchiveCompression::Deflate}) {
            if (compression == ArchiveCompression::Deflate && chunk != 32768 && chunk != 65536)
                continue;
            ArchiveWriterOptions options;
            options.chunk_samples = chunk;
            options.compression = compression;
            const double s = writerSeconds(archive_path, values, options);
            const double size_ratio = double(fileSize(archive_path)) / raw_bytes;
            // The reference again right after, so that load from other users of the machine hits both.
            const double reference_s = plainWriteSeconds(raw_path);
            std::printf("| %zu | %s | %.1f | %.2f | %.3f |\n", chunk,
                        compression == ArchiveCompression::Off ? "off" : "deflate 1 + shuffle", double(kSamples) / s / 1e6,
                        reference_s / s, size_ratio);
        }
    }

    std::printf("\nWhole path at the default chunk (%zu samples): RecorderStage -> queue -> recorder thread -> file.\n\n",
                ArchiveWriterOptions{}.chunk_samples);
    std::printf("| compression | M samples/s | ratio to write() | queue overflow |\n|---|---:|---:|---:|\n");
    for (const ArchiveCompression compression : {ArchiveCompression::Off, ArchiveCompression::Deflate}) {
        ArchiveWriterOptions options;
        options.compression = compression;
        std::uint64_t overflow = 0;
        const double s = recorderSeconds(archive_path, values, options, overflow);
        const double reference_s = plainWriteSeconds(raw_path);
        std::printf("| %s | %.1f | %.2f | %llu |\n", compression == ArchiveCompression::Off ? "off" : "deflate 1 + shuffle",
                    double(kSamples) / s / 1e6, reference_s / s, static_cast<unsigned long long>(overflow));
    }
    std::filesystem::remove_all(dir);
    return 0;
}
