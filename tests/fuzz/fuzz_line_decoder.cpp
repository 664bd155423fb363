// One text format's line decoder fed arbitrary bytes as datagrams. The first byte picks decoder
// options (timestamp columns/keys, separators, precision) so that their code paths are reached too.
#include "core/protocol/decoder.h"
#include "core/protocol/line_decoder_factory.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace streamscope;

namespace {

DecoderOptions optionsFor(std::uint8_t selector)
{
    DecoderOptions options;
    options.format = *parseTextFormat(FUZZ_TEXT_FORMAT);
    constexpr char kSeparators[] = {',', ';', '\t'};
    options.csv_separator = kSeparators[selector % 3];
    if (selector & 0x04)
        options.csv_time_column = 1 + (selector >> 6);
    const auto unit = static_cast<TimeUnit>((selector >> 3) & 0x03);
    options.csv_time_unit = unit;
    options.influx_precision = unit;
    options.json_time_unit = unit;
    if (selector & 0x20)
        options.json_time_key = (selector & 0x40) ? "ts" : "t.ms";
    return options;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto decoder = makeLineDecoder(optionsFor(data[0]));
    ChannelTable channels(64); // small, so that the cap on channels is reached too
    SampleBatch batch;
    DecodeErrorCounters errors;
    DecodeOutput out(channels, batch, errors);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    // Twice: decoders keep per-source state (a CSV header, the format auto recognised).
    decodeLines(*decoder, text, 1'600'000'000'000'000'000, out);
    decodeLines(*decoder, text, 1'600'000'000'000'000'001, out);
    for (const Sample& sample : batch.samples) {
        if (sample.channel >= channels.size())
            std::abort(); // a sample for a channel the table never handed out
    }
    return 0;
}
