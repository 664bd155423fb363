#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace streamscope {

// The two delimited packet framings of serial links. COBS (Consistent Overhead Byte Stuffing) removes
// every 0x00 from the packet so that 0x00 can end it; SLIP (RFC 1055) ends packets with END (0xC0) and
// escapes END and ESC (0xDB) inside them.

// Appends the COBS encoding of `bytes` and the 0x00 delimiter to `out`.
void appendCobs(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes);
// Appends the SLIP encoding of `bytes` and the END delimiter to `out`.
void appendSlip(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes);

// Decode one packet, given without its delimiter, into `out` (replacing its contents). False when the
// packet is malformed (a COBS code running past the end or a 0x00 inside it; a SLIP ESC followed by
// anything but ESC_END or ESC_ESC).
[[nodiscard]] bool decodeCobs(std::span<const std::uint8_t> packet, std::vector<std::uint8_t>& out);
[[nodiscard]] bool decodeSlip(std::span<const std::uint8_t> packet, std::vector<std::uint8_t>& out);

inline constexpr std::uint8_t kSlipEnd = 0xC0;

} // namespace streamscope
