// Binary frames: arbitrary bytes as one datagram and as a stream cut at arbitrary read boundaries,
// through a few layouts (incl. every checksum) and framings. The first byte picks layout and framing.
#include "core/protocol/frame_decoder.h"
#include "tests/fuzz/fuzz_layouts.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

using namespace streamscope;

namespace {

struct Decoding {
    ChannelTable channels;
    SampleBatch batch;
    DecodeErrorCounters errors;
    DecodeOutput out{channels, batch, errors};
};

void checkSamples(const Decoding& decoding, std::uint64_t frames, const FrameLayout& layout)
{
    if (decoding.batch.samples.size() != frames * layout.fields.size())
        std::abort(); // every good frame gives one sample per value field, and nothing else does
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    const FrameLayout& layout = fuzz::layoutFor(data[0]);
    const Framing framing = fuzz::framingFor(data[0]);
    const std::size_t piece = 1 + data[1] % 17; // read size of the stream
    const std::span<const std::uint8_t> bytes(data + 2, size - 2);

    {
        Decoding decoding;
        FrameDecoder decoder(layout, framing);
        const std::uint64_t frames = decoder.feedDatagram(bytes, 1, decoding.out);
        checkSamples(decoding, frames, layout);
    }
    {
        Decoding decoding;
        FrameDecoder decoder(layout, framing);
        std::uint64_t frames = 0;
        for (std::size_t at = 0; at < bytes.size(); at += piece)
            frames += decoder.feedStream(bytes.subspan(at, std::min(piece, bytes.size() - at)), 1, decoding.out);
        frames += decoder.endStream(1, decoding.out);
        checkSamples(decoding, frames, layout);
        if (decoder.pendingBytes() != 0)
            std::abort(); // endStream() leaves nothing behind
    }
    return 0;
}
