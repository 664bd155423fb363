// Overview of a whole archive at 2000 px against reading its raw datasets, for archives of 10 M, 57.6 M
// (1 hour x 16 channels x 1 kHz) and 100 M samples written with the real ArchiveWriter into DIR (default
// build/). Each measurement runs in a fresh child process (this program again, with --child), so that its
// peak memory (maxrss from wait4) is its own: open the archive, answer the query, exit.
//   bench_overview_throughput [DIR]                        the table
//   bench_overview_throughput --generate FILE PER_CHANNEL  one archive, kept
//   bench_overview_throughput --child overview|raw FILE    one measurement, its seconds on stdout
#include "bench_report.h"
#include "core/archive/archive_overview.h"
#include "core/archive/archive_writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace streamscope;

namespace {

constexpr int kChannels = 16;
constexpr int kWidth = 2000;
constexpr TimeNs kT0 = 1'795'000'000'000'000'000;
constexpr TimeNs kPeriod = 1'000'000; // 1 kHz per channel
constexpr int kRounds = 5;
constexpr int kColdRounds = 3;

// 16 sensor-like channels at 1 kHz, written in whole chunks as RecorderStage hands them over.
void generate(const std::string& path, std::uint64_t samples_per_channel)
{
    ArchiveWriterOptions options;
    options.start_time_ns = kT0;
    auto writer = ArchiveWriter::create(path, options);
    for (int c = 0; c < kChannels; ++c)
        writer->addChannel(static_cast<ChannelIndex>(c), ChannelInfo{"bench", "sensor." + std::to_string(c), "V"});
    std::mt19937_64 random(42);
    std::normal_distribution<double> noise(0.0, 0.05);
    const std::size_t chunk = options.chunk_samples;
    std::vector<TimeNs> times(chunk);
    std::vector<double> values(chunk);
    for (std::uint64_t start = 0; start < samples_per_channel; start += chunk) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, samples_per_channel - start));
        for (int c = 0; c < kChannels; ++c) {
            for (std::size_t i = 0; i < n; ++i) {
                const auto k = static_cast<double>(start + i);
                times[i] = kT0 + static_cast<TimeNs>(start + i) * kPeriod + c * 1000;
                values[i] = std::sin(k * 1e-4 * (c + 1)) * 10.0 + noise(random);
            }
            writer->appendColumns(static_cast<ChannelIndex>(c), times.data(), values.data(), n);
        }
        writer->flush();
    }
    writer->close(kT0 + static_cast<TimeNs>(samples_per_channel) * kPeriod, 0);
}

double cpuSeconds()
{
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& time) { return static_cast<double>(time.tv_sec) + time.tv_usec * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// --child overview|raw PATH: prints the wall and CPU seconds from opening the archive to the answer.
int runChild(const std::string& mode, const std::string& path)
{
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpuSeconds();
    const auto reader = ArchiveReader::open(path);
    double checksum = 0;
    const M4Range range{kT0, kT0 + static_cast<TimeNs>(reader->channels().front().count) * kPeriod + kPeriod, kWidth};
    if (mode == "overview") {
        const ArchiveOverview overview(*reader);
        std::vector<M4Column> columns;
        for (std::size_t c = 0; c < reader->channels().size(); ++c) {
            overview.query(c, range, columns);
            for (const M4Column& column : columns)
                checksum += static_cast<double>(column.count) + column.max;
        }
    } else {
        // The reference: every sample of the same range read from the same datasets, in blocks of 1 Mi.
        std::vector<TimeNs> times;
        std::vector<double> values;
        for (std::size_t c = 0; c < reader->channels().size(); ++c)
            for (std::uint64_t offset = 0;; offset += 1 << 20) {
                const std::size_t n = reader->read(c, offset, 1 << 20, times, values);
                if (n == 0)
                    break;
                checksum += values[n / 2] + static_cast<double>(times[n - 1] >= range.to);
            }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpuSeconds() - cpu_start;
    bench::keep(checksum);
    std::printf("%.6f %.6f\n", seconds, cpu);
    return 0;
}

struct ChildResult {
    double seconds = 0;     // wall time from opening the archive to the answer
    double cpu_seconds = 0; // user + system time of the same span
    double peak_mib = 0;
};

ChildResult measure(const char* self, const char* mode, const std::string& path)
{
    int pipe_ends[2];
    if (::pipe(pipe_ends) != 0)
        std::exit(1);
    const pid_t child = ::fork();
    if (child == 0) {
        ::dup2(pipe_ends[1], STDOUT_FILENO);
        ::close(pipe_ends[0]);
        ::execl(self, self, "--child", mode, path.c_str(), static_cast<char*>(nullptr));
        std::_Exit(127);
    }
    ::close(pipe_ends[1]);
    char text[64] = {};
    const ssize_t got = ::read(pipe_ends[0], text, sizeof text - 1);
    ::close(pipe_ends[0]);
    int status = 0;
    struct rusage usage {};
    ::wait4(child, &status, 0, &usage);
    if (got <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "the %s child failed on %s\n", mode, path.c_str());
        std::exit(1);
    }
    ChildResult result;
    result.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
    if (std::sscanf(text, "%lf %lf", &result.seconds, &result.cpu_seconds) != 2) {
        std::fprintf(stderr, "the %s child printed '%s'\n", mode, text);
        std::exit(1);
    }
    return result;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Drops the file's pages from the page cache, so that the next reader reads from the disk.
void evict(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

// One row: reference and subject alternately, each in a fresh process, `rounds` times.
void measureRow(const char* self, const char* label, std::uint64_t per_channel, const std::string& path, bool cold,
                int rounds)
{
    std::vector<double> overview_seconds;
    std::vector<double> raw_seconds;
    std::vector<double> ratios;
    std::vector<double> overview_cpu;
    std::vector<double> raw_cpu;
    std::vector<double> cpu_ratios;
    double overview_peak = 0;
    double raw_peak = 0;
    if (!cold)
        measure(self, "raw", path); // warms the page cache for both
    for (int round = 0; round < rounds; ++round) {
        if (cold)
            evict(path);
        const ChildResult raw = measure(self, "raw", path);
        if (cold)
            evict(path);
        const ChildResult overview = measure(self, "overview", path);
        raw_seconds.push_back(raw.seconds);
        overview_seconds.push_back(overview.seconds);
        ratios.push_back(raw.seconds / overview.seconds);
        overview_cpu.push_back(overview.cpu_seconds);
        raw_cpu.push_back(raw.cpu_seconds);
        cpu_ratios.push_back(raw.cpu_seconds / overview.cpu_seconds);
        overview_peak = std::max(overview_peak, overview.peak_mib);
        raw_peak = std::max(raw_peak, raw.peak_mib);
    }
    const double file_mib = static_cast<double>(std::filesystem::file_size(path)) / (1 << 20);
    std::printf("| %s | %.1f M | %.0f MiB | %s | %.3f s | %.3f s | %.3f s | %.3f s | %.1f | %.1f | %.0f MiB | %.0f MiB |\n",
                label, static_cast<double>(per_channel * kChannels) / 1e6, file_mib, cold ? "cold" : "warm",
                median(overview_seconds), median(overview_cpu), median(raw_seconds), median(raw_cpu), median(ratios),
                median(cpu_ratios), overview_peak, raw_peak);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--child") == 0)
        return runChild(argv[2], argv[3]);
    if (argc == 4 && std::strcmp(argv[1], "--generate") == 0) { // for profiling one case: --child on the file
        generate(argv[2], std::strtoull(argv[3], nullptr, 10));
        return 0;
    }
    const std::string dir = argc > 1 ? argv[1] : "build";
    std::printf("| archive | samples | file | page cache | overview wall | overview CPU | raw read wall | raw read CPU | "
                "ratio raw/overview, wall | ratio raw/overview, CPU | overview peak RSS | raw read peak RSS |\n");
    std::printf("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    const std::pair<const char*, std::uint64_t> sizes[] = {
        {"10 M", 625'000}, {"1 h x 16 ch x 1 kHz", 3'600'000}, {"100 M", 6'250'000}};
    for (const auto& [label, per_channel] : sizes) {
        const std::string path = dir + "/bench_overview_" + std::to_string(per_channel) + ".h5";
        generate(path, per_channel);
        measureRow(argv[0], label, per_channel, path, false, kRounds);
        measureRow(argv[0], label, per_channel, path, true, kColdRounds);
        std::filesystem::remove(path);
    }
    return 0;
}
