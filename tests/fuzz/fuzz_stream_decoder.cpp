// The serial byte-stream decoder (makeStreamDecoder): text lines of any format, or binary frames, cut
// at arbitrary read boundaries. First byte: text format or binary layout/framing; second: read size.
#include "core/protocol/stream_decoder.h"
#include "tests/fuzz/fuzz_layouts.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

using namespace streamscope;

namespace {

DecoderOptions optionsFor(std::uint8_t selector)
{
    DecoderOptions options;
    if (selector & 0x80) {
        auto binary = std::make_shared<BinaryFraming>();
        binary->layout = fuzz::layoutFor(selector & 0x7f);
        binary->framing = fuzz::framingFor(selector & 0x7f);
        options.binary = std::move(binary);
    } else {
        options.format = static_cast<TextFormat>(selector % 6);
    }
    return options;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    const auto decoder = makeStreamDecoder(optionsFor(data[0]));
    const std::size_t piece = 1 + data[1] % 64;
    const std::span<const std::uint8_t> bytes(data + 2, size - 2);
    ChannelTable channels(64);
    SampleBatch batch;
    DecodeErrorCounters errors;
    DecodeOutput out(channels, batch, errors);
    for (std::size_t at = 0; at < bytes.size(); at += piece)
        (void)decoder->feed(bytes.subspan(at, std::min(piece, bytes.size() - at)), 1, out);
    (void)decoder->end(2, out);
    return 0;
}
