// COBS or SLIP packet decoding on arbitrary bytes, and the round trip: whatever the decoder accepts,
// encoding it again and decoding that gives the same bytes.
#include "core/protocol/packet_framing.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

using namespace streamscope;

namespace {

#ifdef FUZZ_FRAMING_COBS
constexpr auto decodePacket = decodeCobs;
constexpr auto encodePacket = appendCobs;
#else
constexpr auto decodePacket = decodeSlip;
constexpr auto encodePacket = appendSlip;
#endif

void roundTrip(std::span<const std::uint8_t> bytes)
{
    std::vector<std::uint8_t> encoded;
    encodePacket(encoded, bytes);
    std::vector<std::uint8_t> decoded;
    // Without its delimiter, as the frame decoder hands packets over.
    if (encoded.empty() || !decodePacket(std::span(encoded).first(encoded.size() - 1), decoded))
        std::abort();
    if (decoded != std::vector<std::uint8_t>(bytes.begin(), bytes.end()))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    std::vector<std::uint8_t> decoded;
    if (decodePacket(input, decoded))
        roundTrip(decoded);
    roundTrip(input);
    return 0;
}
