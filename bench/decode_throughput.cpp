// Decode throughput per text format on one core, as a ratio to a plain line-splitting loop over the
// same buffer in the same run. Prints a Markdown table for BENCHMARKS.md. Format names given as
// arguments (e.g. `csv`) restrict the run to those formats, for profiling one decoder.
#include "bench/bench_report.h"
#include "core/protocol/line_decoder_factory.h"
#include "core/protocol/line_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

using namespace streamscope;

namespace {

constexpr std::size_t kLines = 1'000'000;
constexpr std::size_t kChannels = 8;

std::string makeBuffer(TextFormat format)
{
    std::vector<std::string> names;
    for (std::size_t k = 1; k <= kChannels; ++k)
        names.push_back("ch" + std::to_string(k));
    const LineEncoder encoder(format, names);
    std::vector<double> values(kChannels);
    std::string text;
    TimeNs t = 1'700'000'000'000'000'000;
    for (std::size_t i = 0; i < kLines; ++i, t += 1'000'000) {
        for (std::size_t k = 0; k < kChannels; ++k)
            values[k] = std::round((k + 1) * 10.0 + 5.0 * std::sin(2 * std::numbers::pi * i / (500.0 + k)) * 1000.0) / 1000.0;
        encoder.append(text, t, values);
    }
    return text;
}

// The reference: find every line and touch its bytes' length, nothing else.
std::size_t splitLines(const std::string& text)
{
    std::size_t lines = 0;
    std::size_t bytes = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (newline == nullptr)
            newline = end;
        bytes += static_cast<std::size_t>(newline - p);
        ++lines;
        p = newline + 1;
    }
    bench::keep(bytes);
    return lines;
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string_view> wanted(argv + 1, argv + argc);
    std::printf("| format | lines/s (decode) | lines/s (split only) | ratio decode/split | samples/s |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    for (const TextFormat format :
         {TextFormat::Csv, TextFormat::KeyValue, TextFormat::Influx, TextFormat::Graphite, TextFormat::Json}) {
        if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), textFormatName(format)) == wanted.end())
            continue;
        const std::string text = makeBuffer(format);
        std::size_t split_lines = 0;
        const double split_s = bench::bestSeconds(5, [&] { split_lines = splitLines(text); });

        DecoderOptions options;
        options.format = format;
        auto decoder = makeLineDecoder(options);
        ChannelTable channels;
        DecodeErrorCounters errors;
        SampleBatch batch;
        batch.samples.reserve(kLines * kChannels);
        std::uint64_t decoded_lines = 0;
        const double decode_s = bench::bestSeconds(5, [&] {
            batch.clear();
            DecodeOutput out(channels, batch, errors);
            decoded_lines = decodeLines(*decoder, text, 0, out);
        });
        if (errors.total() != 0 || batch.samples.size() != kLines * kChannels) {
            std::fprintf(stderr, "%s: decode errors %llu, samples %zu: %s\n", std::string(textFormatName(format)).c_str(),
                         static_cast<unsigned long long>(errors.total()), batch.samples.size(),
                         errors.lastMessage().c_str());
            return 1;
        }
        const double decode_rate = static_cast<double>(decoded_lines) / decode_s;
        const double split_rate = static_cast<double>(split_lines) / split_s;
        std::printf("| %s (%zu ch) | %.0f | %.0f | %.3f | %.0f |\n", std::string(textFormatName(format)).c_str(), kChannels,
                    decode_rate, split_rate, decode_rate / split_rate, static_cast<double>(batch.samples.size()) / decode_s);
    }
    return 0;
}
