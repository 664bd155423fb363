// Binary frame decode throughput on one core, as a ratio to a plain memcpy of the same bytes in the
// same run. Prints a Markdown table for BENCHMARKS.md.
#include "bench/bench_report.h"
#include "core/protocol/frame_decoder.h"
#include "core/protocol/frame_encoder.h"

#include <cstring>

using namespace streamscope;

namespace {

constexpr std::size_t kFrames = 2'000'000;
constexpr std::size_t kReadBytes = 64 * 1024; // what one serial read delivers at most

struct Case {
    const char* name;
    const char* layout;
    Framing framing;
};

} // namespace

int main()
{
    // 32 bytes: sync (2) + seq (2) + flags (2) + six f32 (24) + crc16 (2).
    const Case cases[] = {
        {"32-byte frame, sync hunting, crc16-ccitt",
         "sync=AA55 le u16:seq u16:flags f32:ax f32:ay f32:az f32:gx f32:gy f32:gz crc=crc16-ccitt", Framing::Sync},
        {"32-byte frame, sync hunting, crc32 (34 bytes)",
         "sync=AA55 le u16:seq u16:flags f32:ax f32:ay f32:az f32:gx f32:gy f32:gz crc=crc32", Framing::Sync},
        {"32-byte frame, COBS, crc16-ccitt",
         "sync=AA55 le u16:seq u16:flags f32:ax f32:ay f32:az f32:gx f32:gy f32:gz crc=crc16-ccitt", Framing::Cobs},
    };
    std::printf("| frame | frames/s (decode) | frames/s (memcpy) | ratio decode/memcpy | samples/s |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    for (const Case& c : cases) {
        std::string error;
        const FrameLayout layout = *parseFrameLayout(c.layout, error);
        FrameEncoder encoder(layout, c.framing);
        std::vector<std::uint8_t> stream;
        stream.reserve(kFrames * (layout.declared_size + 4));
        for (std::size_t i = 0; i < kFrames; ++i) {
            const double v = static_cast<double>(i % 1000);
            const double values[] = {static_cast<double>(i % 65536), 3, v, -v, v * 0.5, v * 0.25, 1.0, 2.0};
            encoder.append(stream, 0, values);
        }

        ChannelTable channels;
        SampleBatch batch;
        batch.samples.reserve(kReadBytes);
        DecodeErrorCounters errors;
        DecodeOutput out(channels, batch, errors);
        FrameDecoder decoder(layout, c.framing);
        std::uint64_t decoded = 0;
        std::uint64_t samples = 0;
        const double decode_s = bench::bestSeconds(5, [&] {
            decoded = 0;
            samples = 0;
            for (std::size_t at = 0; at < stream.size(); at += kReadBytes) {
                const std::size_t n = std::min(kReadBytes, stream.size() - at);
                batch.clear();
                decoded += decoder.feedStream({stream.data() + at, n}, 0, out);
                samples += batch.samples.size();
            }
        });
        std::vector<std::uint8_t> copy(kReadBytes);
        const double copy_s = bench::bestSeconds(5, [&] {
            for (std::size_t at = 0; at < stream.size(); at += kReadBytes) {
                const std::size_t n = std::min(kReadBytes, stream.size() - at);
                std::memcpy(copy.data(), stream.data() + at, n);
                bench::keep(copy.data());
            }
        });
        if (decoded != kFrames || errors.total() != 0) {
            std::fprintf(stderr, "decoded %llu of %zu frames, %llu errors\n", static_cast<unsigned long long>(decoded),
                         kFrames, static_cast<unsigned long long>(errors.total()));
            return 1;
        }
        const double decode_rate = kFrames / decode_s;
        const double copy_rate = kFrames / copy_s;
        std::printf("| %s | %.3g | %.3g | %.3f | %.3g |\n", c.name, decode_rate, copy_rate, decode_rate / copy_rate,
                    samples / decode_s);
    }
    return 0;
}
