// Sustained HDF5 recording throughput with 16 channels, as a ratio to plain write() of the same bytes
// (16 per sample) to the same directory in the same run, and the archive's size against those raw bytes.
// Prints Markdown tables for BENCHMARKS.md.
//
// Usage: bench_recording_throughput [DIR] [--rounds N] [--only writer|path]
// DIR defaults to the current directory, so that both sides hit the same disk. Each row runs the
// reference and the subject alternately, N rounds (default 7) of each, and reports the median of the
// per-round ratios with their range: a moment of load from other users of the machine then lands in one
// round, and the median does not follow it. `--only` runs one table (for profiling).
#include "bench/bench_report.h"
#include "core/archive/recorder_stage.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <numbers>
#include <string_view>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace streamscope;

namespace {

constexpr std::size_t kChannels = 16;
constexpr std::size_t kPerChannel = 1'000'000;
constexpr std::size_t kSamples = kChannels * kPerChannel;
// Both the writer and the whole path flush every 100 ms, ten times as often as the default (the
// policy is at least once a second).
constexpr auto kFlushInterval = std::chrono::milliseconds(100);
constexpr std::size_t kTable = 65536;
constexpr TimeNs kT0 = 1'795'000'000'000'000'000;
// Deflate rows take seconds each; they are about size, so fewer rounds do.
constexpr int kCompressedRounds = 3;

// Sensor-like values: a slow sine plus noise, to 3 decimals, as devices send them. Stored in arrival
// order (sample-major), the order in which every side below reads them, so that reading them costs the
// reference and the subjects the same.
std::vector<double> makeValues()
{
    std::vector<double> values(kChannels * kTable);
    std::uint32_t state = 12345;
    for (std::size_t c = 0; c < kChannels; ++c) {
        for (std::size_t i = 0; i < kTable; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (static_cast<double>(state >> 8) / double(1 << 24) - 0.5) * 0.2;
            const double v = (c + 1) * 10.0 + 5.0 * std::sin(2 * std::numbers::pi * double(i) / (500.0 + double(c))) + noise;
            values[i * kChannels + c] = std::round(v * 1000.0) / 1000.0;
        }
    }
    return values;
}

std::uint64_t fileSize(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? static_cast<std::uint64_t>(info.st_size) : 0;
}

// Wall time of one run of `work`. Outside the timed part, the previous run's file is deleted (so that
// neither side pays for truncating the other's 256 MB) and the disk is synced (so that neither side
// inherits the other's writeback). Neither side syncs inside: the archive is flushed to the kernel, as
// the reference's write() is, not fsync'd.
struct RunTime {
    double wall_s = 0;
    double cpu_s = 0; // user + system time of all the process's threads
};

double processCpuSeconds()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

RunTime timedRun(const std::string& path, const std::function<void()>& work)
{
    std::filesystem::remove(path);
    ::sync();
    const double cpu_start = processCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    work();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            processCpuSeconds() - cpu_start};
}

// The references' file: 16 bytes per sample (time, value) through write() in 1 MiB blocks, then close.
class PlainFile {
public:
    explicit PlainFile(const std::string& path) : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644))
    {
        if (fd_ < 0)
            std::abort();
    }
    ~PlainFile()
    {
        writeBlock();
        ::close(fd_);
    }
    PlainFile(const PlainFile&) = delete;
    PlainFile& operator=(const PlainFile&) = delete;

    void add(TimeNs time_ns, double value)
    {
        std::memcpy(block_.data() + filled_, &time_ns, 8);
        std::memcpy(block_.data() + filled_ + 8, &value, 8);
        filled_ += 16;
        if (filled_ == block_.size())
            writeBlock();
    }

private:
    void writeBlock()
    {
        if (filled_ > 0 && ::write(fd_, block_.data(), filled_) != static_cast<ssize_t>(filled_))
            std::abort();
        filled_ = 0;
    }

    int fd_;
    std::vector<char> block_ = std::vector<char>(1 << 20);
    std::size_t filled_ = 0;
};

// The pipeline's side of the whole path: the samples in arrival order, in batches of 1024 in one
// reused vector, as the pipeline hands them to its stages.
template<typename Consume>
void forEachPipelineBatch(const std::vector<double>& values, Consume&& consume)
{
    std::vector<ChannelSample> batch;
    batch.reserve(1024);
    for (std::size_t i = 0; i < kPerChannel; ++i) {
        const TimeNs t = kT0 + TimeNs(i) * 1'000'000;
        for (std::size_t c = 0; c < kChannels; ++c)
            batch.push_back({t, values[(i % kTable) * kChannels + c], ChannelIndex(c)});
        if (batch.size() >= 1024) {
            consume(std::span<const ChannelSample>(batch));
            batch.clear();
        }
    }
    if (!batch.empty())
        consume(std::span<const ChannelSample>(batch));
}

// The reference of the ArchiveWriter rows: the same samples, taken as the writer rows take them.
void plainWrite(const std::string& path, const std::vector<double>& values)
{
    PlainFile file(path);
    for (std::size_t i = 0; i < kPerChannel; ++i) {
        const TimeNs t = kT0 + TimeNs(i) * 1'000'000;
        for (std::size_t c = 0; c < kChannels; ++c)
            file.add(t, values[(i % kTable) * kChannels + c]);
    }
}

// The reference of the whole-path rows: the same pipeline batches, each sample's time and value
// written as they come, which is all a recorder must do with them.
void plainWriteBatches(const std::string& path, const std::vector<double>& values)
{
    PlainFile file(path);
    forEachPipelineBatch(values, [&](std::span<const ChannelSample> batch) {
        for (const ChannelSample& sample : batch)
            file.add(sample.time_ns, sample.value);
    });
}

// The recorder thread's work alone: interleaved samples into ArchiveWriter, flushed every kFlushInterval.
void writeArchive(const std::string& path, const std::vector<double>& values, const ArchiveWriterOptions& options)
{
    auto writer = ArchiveWriter::create(path, options);
    for (std::size_t c = 0; c < kChannels; ++c)
        writer->addChannel(ChannelIndex(c), {"bench", "ch" + std::to_string(c), ""});
    auto last_flush = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < kPerChannel; ++i) {
        const TimeNs t = kT0 + TimeNs(i) * 1'000'000;
        for (std::size_t c = 0; c < kChannels; ++c)
            writer->append(ChannelIndex(c), t, values[(i % kTable) * kChannels + c]);
        // The clock is read every 1024 samples, as the recorder thread reads it once per queue slot.
        if (i % 64 == 0 && std::chrono::steady_clock::now() - last_flush >= kFlushInterval) {
            writer->flush();
            last_flush = std::chrono::steady_clock::now();
        }
    }
    writer->close(kT0, 0);
}

// The whole path: RecorderStage on this thread (as the pipeline), the queue, the recorder thread,
// flushing every 100 ms (ten times as often as the default).
struct PathRun {
    std::uint64_t queue_overflow = 0;
    std::size_t blocks_made = 0; // the recorder's pool of one-chunk blocks
};

PathRun recordArchive(const std::string& path, const std::vector<double>& values, const ArchiveWriterOptions& options)
{
    RecorderOptions recorder_options;
    recorder_options.path = path;
    recorder_options.writer = options;
    recorder_options.flush_interval = kFlushInterval;
    Recorder recorder(recorder_options);
    recorder.open();
    RecorderStage stage(recorder);
    for (std::size_t c = 0; c < kChannels; ++c)
        stage.channelAdded(ChannelIndex(c), {"bench", "ch" + std::to_string(c), ""});
    recorder.start();
    auto last_tick = std::chrono::steady_clock::now();
    forEachPipelineBatch(values, [&](std::span<const ChannelSample> batch) {
        // Backpressure for the benchmark only (the pipeline never waits): measure the recorder's
        // sustained rate, not how fast a full queue drops. Sleeping, not spinning, so that this
        // thread does not take CPU time from the recorder thread on a busy machine; the full queue
        // holds far more than the recorder writes in one sleep. A batch can hand over a block per
        // channel, and a tick as many again and a flush request.
        while (recorder.queue().sizeApprox() + 2 * kChannels + 2 >= recorder.queue().capacity())
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        stage.process(batch);
        // The pipeline ticks its stages every 10 ms: the stage hands over partial blocks and asks
        // for a flush when the flush interval is up.
        if (const auto now = std::chrono::steady_clock::now(); now - last_tick >= std::chrono::milliseconds(10)) {
            stage.tick(0);
            last_tick = now;
        }
    });
    stage.finish();
    recorder.stop();
    return {recorder.status().queue_overflow, recorder.blockPool().blocksMade()};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The timings of one row, and the ratios of each round.
struct Comparison {
    std::vector<double> reference_s;
    std::vector<double> subject_s;
    std::vector<double> ratios;     // reference wall time / subject wall time, per round
    std::vector<double> cpu_ratios; // the same for CPU time, which load on the machine moves less

    [[nodiscard]] double referenceRate() const { return double(kSamples) / median(reference_s) / 1e6; }
    [[nodiscard]] double subjectRate() const { return double(kSamples) / median(subject_s) / 1e6; }
    [[nodiscard]] double medianRatio() const { return median(ratios); }
    [[nodiscard]] double minRatio() const { return *std::min_element(ratios.begin(), ratios.end()); }
    [[nodiscard]] double maxRatio() const { return *std::max_element(ratios.begin(), ratios.end()); }
    [[nodiscard]] double medianCpuRatio() const { return median(cpu_ratios); }
};

struct Paths {
    std::string raw;
    std::string archive;
};

// One row: the reference and the subject in alternation, `rounds` times each.
Comparison compare(const Paths& paths, int rounds, const std::function<void()>& reference,
                   const std::function<void()>& subject)
{
    Comparison result;
    for (int round = 0; round < rounds; ++round) {
        const RunTime reference_run = timedRun(paths.raw, reference);
        const RunTime subject_run = timedRun(paths.archive, subject);
        result.reference_s.push_back(reference_run.wall_s);
        result.subject_s.push_back(subject_run.wall_s);
        result.ratios.push_back(reference_run.wall_s / subject_run.wall_s);
        result.cpu_ratios.push_back(reference_run.cpu_s / subject_run.cpu_s);
    }
    return result;
}

const char* compressionName(ArchiveCompression compression)
{
    return compression == ArchiveCompression::Off ? "off" : "deflate 1 + shuffle";
}

int roundsFor(ArchiveCompression compression, int rounds)
{
    return compression == ArchiveCompression::Off ? rounds : std::min(rounds, kCompressedRounds);
}

void printWriterTable(const Paths& paths, const std::vector<double>& values, int rounds)
{
    std::printf("ArchiveWriter alone (the recorder thread's work), per chunk size:\n\n");
    std::printf("| chunk (samples) | compression | M samples/s | write(), M samples/s | ratio to write(), median "
                "| range | CPU-time ratio, median | archive size / raw 16 B per sample |\n");
    std::printf("|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (const std::size_t chunk : {4096, 16384, 32768, 65536, 262144}) {
        for (const ArchiveCompression compression : {ArchiveCompression::Off, ArchiveCompression::Deflate}) {
            if (compression == ArchiveCompression::Deflate && chunk != 32768 && chunk != 65536)
                continue;
            ArchiveWriterOptions options;
            options.chunk_samples = chunk;
            options.compression = compression;
            const Comparison row = compare(paths, roundsFor(compression, rounds), [&] { plainWrite(paths.raw, values); },
                                           [&] { writeArchive(paths.archive, values, options); });
            const double size_ratio = double(fileSize(paths.archive)) / (double(kSamples) * 16.0);
            std::printf("| %zu | %s | %.1f | %.1f | %.2f | %.2f-%.2f | %.2f | %.3f |\n", chunk,
                        compressionName(compression), row.subjectRate(), row.referenceRate(), row.medianRatio(),
                        row.minRatio(), row.maxRatio(), row.medianCpuRatio(), size_ratio);
        }
    }
}

void printPathTable(const Paths& paths, const std::vector<double>& values, int rounds)
{
    std::printf("Whole path at the default chunk (%zu samples): RecorderStage -> queue -> recorder thread -> file.\n\n",
                ArchiveWriterOptions{}.chunk_samples);
    std::printf("| compression | M samples/s | write(), M samples/s | ratio to write(), median | range "
                "| CPU-time ratio, median | rounds | queue overflow | blocks (MiB) |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const ArchiveCompression compression : {ArchiveCompression::Off, ArchiveCompression::Deflate}) {
        ArchiveWriterOptions options;
        options.compression = compression;
        std::uint64_t overflow = 0;
        std::size_t blocks = 0;
        const int n = roundsFor(compression, rounds);
        const Comparison row = compare(paths, n, [&] { plainWriteBatches(paths.raw, values); },
                                       [&] {
                                           const PathRun run = recordArchive(paths.archive, values, options);
                                           overflow += run.queue_overflow;
                                           blocks = std::max(blocks, run.blocks_made);
                                       });
        std::printf("| %s | %.1f | %.1f | %.2f | %.2f-%.2f | %.2f | %d | %llu | %zu (%.0f) |\n",
                    compressionName(compression), row.subjectRate(), row.referenceRate(), row.medianRatio(), row.minRatio(), row.maxRatio(),
                    row.medianCpuRatio(), n, static_cast<unsigned long long>(overflow), blocks,
                    double(blocks * options.chunk_samples * 16) / (1 << 20));
    }
}

[[noreturn]] void usage(const char* problem)
{
    std::fprintf(stderr, "bench_recording_throughput: %s\nusage: bench_recording_throughput [DIR] [--rounds N] "
                         "[--only writer|path]\n", problem);
    std::exit(2);
}

} // namespace

int main(int argc, char** argv)
{
    std::filesystem::path base = ".";
    int rounds = 7;
    std::string_view only;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::atoi(argv[++i]);
            if (rounds < 1)
                usage("--rounds needs a number of at least 1");
        } else if (arg == "--only" && i + 1 < argc) {
            only = argv[++i];
            if (only != "writer" && only != "path")
                usage("--only takes 'writer' or 'path'");
        } else if (!arg.starts_with("-")) {
            base = arg;
        } else {
            usage("unknown option");
        }
    }
    const std::filesystem::path dir = base / "recording_bench.tmp";
    std::filesystem::create_directories(dir);
    const Paths paths{(dir / "raw.bin").string(), (dir / "bench.h5").string()};
    const std::vector<double> values = makeValues();
    std::printf("16 channels x %zu samples, %d rounds per row (deflate rows: %d).\n\n", kPerChannel, rounds,
                std::min(rounds, kCompressedRounds));
    if (only != "path") {
        printWriterTable(paths, values, rounds);
        std::printf("\n");
    }
    if (only != "writer")
        printPathTable(paths, values, rounds);
    std::filesystem::remove_all(dir);
    return 0;
}
