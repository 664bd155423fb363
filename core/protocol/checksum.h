#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace streamscope {

// The trailing checksums a binary frame may carry. Each is computed over every byte after the sync
// bytes up to the checksum itself.
enum class ChecksumKind : std::uint8_t {
    None,
    Xor8,        // XOR of all bytes
    Sum8,        // sum modulo 256
    Crc16Ccitt,  // CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR
    Crc16Modbus, // CRC-16/MODBUS: poly 0x8005 reflected (0xA001), init 0xFFFF
    Crc32,       // the zlib CRC-32 (ISO-HDLC): poly 0x04C11DB7 reflected, init and final XOR 0xFFFFFFFF
};

// "xor8", "sum8", "crc16-ccitt", "crc16-modbus", "crc32"; "none" for None.
[[nodiscard]] std::optional<ChecksumKind> parseChecksumKind(std::string_view name);
[[nodiscard]] std::string_view checksumName(ChecksumKind kind);
// Bytes the checksum occupies in the frame: 0, 1, 2 or 4.
[[nodiscard]] std::size_t checksumSize(ChecksumKind kind);

// The checksum of `bytes`, in the low bits of the result. Table driven: the CRCs cost one lookup per byte.
[[nodiscard]] std::uint32_t computeChecksum(ChecksumKind kind, std::span<const std::uint8_t> bytes);

} // namespace streamscope
