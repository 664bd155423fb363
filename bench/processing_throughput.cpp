// Cost per sample of rolling statistics (3 windows) plus alert evaluation (2 rules per channel) on the
// pipeline thread, against a plain loop that sums the same samples per channel.
#include "bench/bench_report.h"
#include "core/processing/alert_rule_parser.h"
#include "core/processing/processing_stage.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <span>
#include <vector>

using namespace streamscope;

namespace {

constexpr std::size_t kChannels = 16;
constexpr std::size_t kWarmUp = 1'000'000;   // fills the 60 s windows (960000 samples) before timing
constexpr std::size_t kSamples = 2'000'000;  // timed
constexpr std::size_t kBatch = 1024;            // samples per pipeline batch, as the ring delivers them
constexpr TimeNs kStepNs = 1'000'000 / kChannels; // each channel at 1 kHz: a 60 s window holds 60000 samples

std::vector<ChannelSample> makeSamples()
{
    std::mt19937_64 random(7);
    std::normal_distribution<double> noise(0.0, 0.1);
    std::vector<ChannelSample> samples(kWarmUp + kSamples);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto channel = static_cast<ChannelIndex>(i % kChannels);
        const double t = static_cast<double>(i) * 1e-6;
        samples[i] = {1'700'000'000'000'000'000 + static_cast<TimeNs>(i) * kStepNs,
                      20.0 + channel + 5.0 * std::sin(t + channel) + noise(random), channel};
    }
    return samples;
}

ProcessingOptions options(std::size_t windows, bool rules)
{
    ProcessingOptions o;
    o.windows.assign({1'000'000'000, 10'000'000'000, 60'000'000'000});
    o.windows.resize(windows);
    if (rules) {
        std::string error;
        // A threshold with hysteresis and a hold, and a range check: both evaluated on every sample.
        o.rules.push_back(*parseAlertRule("ch* > 40 clear < 38 for 100ms", error));
        o.rules.push_back(*parseAlertRule("ch* outside -100..100", error));
    }
    return o;
}

void feed(ProcessingStage& stage, std::span<const ChannelSample> samples)
{
    for (std::size_t first = 0; first < samples.size(); first += kBatch)
        stage.process(samples.subspan(first, std::min(kBatch, samples.size() - first)));
}

constexpr int kRounds = 7;

// CPU time of this thread while `work` runs, in seconds. The machine is shared: wall time would also
// count the time the scheduler gave to other processes, CPU time counts only the work itself.
template<typename Work>
double cpuSeconds(Work&& work)
{
    const auto now = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
    };
    const double start = now();
    work();
    return now() - start;
}

struct Case {
    const char* name;
    std::size_t windows;
    bool rules;
};
constexpr Case kCases[] = {
    {"session totals only, no window", 0, false},
    {"statistics, 1 window (1 s)", 1, false},
    {"statistics, 3 windows (1 s, 10 s, 60 s)", 3, false},
    {"statistics, 3 windows + 2 alert rules per channel", 3, true},
};

// Steady state: the windows are full and the rings have grown to their working size before the clock
// starts, as on a pipeline thread that has been running for a minute.
double processingSeconds(const std::vector<ChannelSample>& samples, const Case& c)
{
    ProcessingStage stage(options(c.windows, c.rules));
    for (ChannelIndex channel = 0; channel < kChannels; ++channel)
        stage.channelAdded(channel, {"bench", "ch" + std::to_string(channel), ""});
    const std::span<const ChannelSample> all(samples);
    feed(stage, all.first(kWarmUp));
    const double seconds = cpuSeconds([&] { feed(stage, all.subspan(kWarmUp)); });
    stage.finish();
    bench::keep(stage.snapshot().channels.size());
    return seconds;
}

double summingSeconds(std::span<const ChannelSample> timed)
{
    return cpuSeconds([&] {
        double sums[kChannels] = {};
        for (const ChannelSample& s : timed)
            sums[s.channel] += s.value;
        bench::keep(sums);
    });
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main()
{
    const std::vector<ChannelSample> samples = makeSamples();
    const std::span<const ChannelSample> timed = std::span<const ChannelSample>(samples).subspan(kWarmUp);

    // The machine is shared: each round times the reference right before every case, and the table
    // shows per case the median over the rounds of its CPU time and of its ratio to that reference.
    std::vector<double> reference_s;
    std::vector<std::vector<double>> case_s(std::size(kCases));
    std::vector<std::vector<double>> case_ratio(std::size(kCases));
    for (int round = 0; round < kRounds; ++round)
        for (std::size_t i = 0; i < std::size(kCases); ++i) {
            const double reference = summingSeconds(timed);
            const double seconds = processingSeconds(samples, kCases[i]);
            reference_s.push_back(reference);
            case_s[i].push_back(seconds);
            case_ratio[i].push_back(seconds / reference);
        }

    const auto rate = [](double seconds) { return static_cast<double>(kSamples) / seconds; };
    std::printf("| work per sample (%zu channels at 1 kHz each, %zu samples after %zu to fill the windows; "
                "median of %d rounds) | samples/s | ns/sample | cost / summing loop |\n",
                kChannels, kSamples, kWarmUp, kRounds);
    std::printf("|---|---:|---:|---:|\n");
    const double reference = median(reference_s);
    std::printf("| reference: plain per-channel summing loop | %.0f | %.2f | 1.0 |\n", rate(reference),
                reference * 1e9 / kSamples);
    for (std::size_t i = 0; i < std::size(kCases); ++i) {
        const double seconds = median(case_s[i]);
        std::printf("| %s | %.0f | %.2f | %.1f |\n", kCases[i].name, rate(seconds), seconds * 1e9 / kSamples,
                    median(case_ratio[i]));
    }
    return 0;
}
