// Cost per sample of rolling statistics (3 windows) plus alert evaluation (2 rules per channel) on the
// pipeline thread, against a plain loop that sums the same samples per channel.
#include "bench/bench_report.h"
#include "core/processing/alert_rule_parser.h"
#include "core/processing/processing_stage.h"

#include <cmath>
#include <cstdio>
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

// Steady state: the windows are full and the rings have grown to their working size before the clock
// starts, as on a pipeline thread that has been running for a minute.
double processingSeconds(const std::vector<ChannelSample>& samples, std::size_t windows, bool rules)
{
    double best = 1e300;
    for (int repetition = 0; repetition < 3; ++repetition) {
        ProcessingStage stage(options(windows, rules));
        for (ChannelIndex c = 0; c < kChannels; ++c)
            stage.channelAdded(c, {"bench", "ch" + std::to_string(c), ""});
        const std::span<const ChannelSample> all(samples);
        feed(stage, all.first(kWarmUp));
        best = std::min(best, bench::bestSeconds(1, [&] { feed(stage, all.subspan(kWarmUp)); }));
        stage.finish();
        bench::keep(stage.snapshot().channels.size());
    }
    return best;
}

} // namespace

int main()
{
    const std::vector<ChannelSample> samples = makeSamples();
    const std::span<const ChannelSample> timed = std::span<const ChannelSample>(samples).subspan(kWarmUp);
    const double reference_s = bench::bestSeconds(5, [&] {
        double sums[kChannels] = {};
        for (const ChannelSample& s : timed)
            sums[s.channel] += s.value;
        bench::keep(sums);
    });
    const auto rate = [](double seconds) { return static_cast<double>(kSamples) / seconds; };

    std::printf("| work per sample (%zu channels at 1 kHz each, %zu samples after %zu to fill the windows) | "
                "samples/s | ns/sample | cost / summing loop |\n",
                kChannels, kSamples, kWarmUp);
    std::printf("|---|---:|---:|---:|\n");
    std::printf("| reference: plain per-channel summing loop | %.0f | %.2f | 1.0 |\n", rate(reference_s),
                reference_s * 1e9 / kSamples);
    struct Case {
        const char* name;
        std::size_t windows;
        bool rules;
    };
    for (const Case c : {Case{"session totals only, no window", 0, false}, Case{"statistics, 1 window (1 s)", 1, false},
                         Case{"statistics, 3 windows (1 s, 10 s, 60 s)", 3, false},
                         Case{"statistics, 3 windows + 2 alert rules per channel", 3, true}}) {
        const double seconds = processingSeconds(samples, c.windows, c.rules);
        std::printf("| %s | %.0f | %.2f | %.1f |\n", c.name, rate(seconds), seconds * 1e9 / kSamples,
                    seconds / reference_s);
    }
    return 0;
}
