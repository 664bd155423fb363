#include "core/protocol/checksum.h"

#include <array>

namespace streamscope {

namespace {

// Tables built at compile time from the polynomials, so that no magic constants need checking.
// Slicing by 4: table k holds the CRC of a byte followed by k zero bytes, so that four input bytes
// cost four independent lookups instead of a chain of four dependent ones.
using Tables16 = std::array<std::array<std::uint16_t, 256>, 4>;
using Tables32 = std::array<std::array<std::uint32_t, 256>, 4>;

constexpr Tables16 makeCrc16MsbFirstTables(std::uint16_t poly)
{
    Tables16 t{};
    for (unsigned i = 0; i < 256; ++i) {
        auto crc = static_cast<std::uint16_t>(i << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = static_cast<std::uint16_t>((crc & 0x8000U) ? (crc << 1) ^ poly : crc << 1);
        t[0][i] = crc;
    }
    for (std::size_t k = 1; k < 4; ++k)
        for (unsigned i = 0; i < 256; ++i)
            t[k][i] = static_cast<std::uint16_t>((t[k - 1][i] << 8) ^ t[0][t[k - 1][i] >> 8]);
    return t;
}

template<typename Tables, typename T>
constexpr Tables makeReflectedTables(T reflected_poly)
{
    Tables t{};
    for (unsigned i = 0; i < 256; ++i) {
        T crc = static_cast<T>(i);
        for (int bit = 0; bit < 8; ++bit)
            crc = static_cast<T>((crc & 1U) ? (crc >> 1) ^ reflected_poly : crc >> 1);
        t[0][i] = crc;
    }
    for (std::size_t k = 1; k < 4; ++k)
        for (unsigned i = 0; i < 256; ++i)
            t[k][i] = static_cast<T>((t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFU]);
    return t;
}

constexpr Tables16 kCcitt = makeCrc16MsbFirstTables(0x1021);
constexpr Tables16 kModbus = makeReflectedTables<Tables16, std::uint16_t>(0xA001);
constexpr Tables32 kCrc32 = makeReflectedTables<Tables32, std::uint32_t>(0xEDB88320U);

std::uint32_t crc16Ccitt(std::span<const std::uint8_t> bytes)
{
    std::uint32_t crc = 0xFFFF;
    const std::uint8_t* p = bytes.data();
    std::size_t n = bytes.size();
    for (; n >= 4; n -= 4, p += 4)
        crc = kCcitt[3][(crc >> 8) ^ p[0]] ^ kCcitt[2][(crc & 0xFFU) ^ p[1]] ^ kCcitt[1][p[2]] ^ kCcitt[0][p[3]];
    for (; n > 0; --n, ++p)
        crc = ((crc << 8) & 0xFFFFU) ^ kCcitt[0][(crc >> 8) ^ *p];
    return crc;
}

std::uint32_t crc16Modbus(std::span<const std::uint8_t> bytes)
{
    std::uint32_t crc = 0xFFFF;
    const std::uint8_t* p = bytes.data();
    std::size_t n = bytes.size();
    for (; n >= 4; n -= 4, p += 4)
        crc = kModbus[3][(crc ^ p[0]) & 0xFFU] ^ kModbus[2][((crc >> 8) ^ p[1]) & 0xFFU] ^ kModbus[1][p[2]]
            ^ kModbus[0][p[3]];
    for (; n > 0; --n, ++p)
        crc = (crc >> 8) ^ kModbus[0][(crc ^ *p) & 0xFFU];
    return crc;
}

std::uint32_t crc32(std::span<const std::uint8_t> bytes)
{
    std::uint32_t crc = 0xFFFFFFFFU;
    const std::uint8_t* p = bytes.data();
    std::size_t n = bytes.size();
    for (; n >= 4; n -= 4, p += 4) {
        crc ^= std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
        crc = kCrc32[3][crc & 0xFFU] ^ kCrc32[2][(crc >> 8) & 0xFFU] ^ kCrc32[1][(crc >> 16) & 0xFFU]
            ^ kCrc32[0][crc >> 24];
    }
    for (; n > 0; --n, ++p)
        crc = (crc >> 8) ^ kCrc32[0][(crc ^ *p) & 0xFFU];
    return crc ^ 0xFFFFFFFFU;
}

} // namespace

std::optional<ChecksumKind> parseChecksumKind(std::string_view name)
{
    if (name == "none")
        return ChecksumKind::None;
    if (name == "xor8")
        return ChecksumKind::Xor8;
    if (name == "sum8")
        return ChecksumKind::Sum8;
    if (name == "crc16-ccitt")
        return ChecksumKind::Crc16Ccitt;
    if (name == "crc16-modbus")
        return ChecksumKind::Crc16Modbus;
    if (name == "crc32")
        return ChecksumKind::Crc32;
    return std::nullopt;
}

std::string_view checksumName(ChecksumKind kind)
{
    switch (kind) {
    case ChecksumKind::None: return "none";
    case ChecksumKind::Xor8: return "xor8";
    case ChecksumKind::Sum8: return "sum8";
    case ChecksumKind::Crc16Ccitt: return "crc16-ccitt";
    case ChecksumKind::Crc16Modbus: return "crc16-modbus";
    case ChecksumKind::Crc32: return "crc32";
    }
    return "unknown";
}

std::size_t checksumSize(ChecksumKind kind)
{
    switch (kind) {
    case ChecksumKind::None: return 0;
    case ChecksumKind::Xor8:
    case ChecksumKind::Sum8: return 1;
    case ChecksumKind::Crc16Ccitt:
    case ChecksumKind::Crc16Modbus: return 2;
    case ChecksumKind::Crc32: return 4;
    }
    return 0;
}

std::uint32_t computeChecksum(ChecksumKind kind, std::span<const std::uint8_t> bytes)
{
    switch (kind) {
    case ChecksumKind::None: return 0;
    case ChecksumKind::Xor8: {
        std::uint8_t x = 0;
        for (const std::uint8_t b : bytes)
            x ^= b;
        return x;
    }
    case ChecksumKind::Sum8: {
        std::uint8_t sum = 0;
        for (const std::uint8_t b : bytes)
            sum = static_cast<std::uint8_t>(sum + b);
        return sum;
    }
    case ChecksumKind::Crc16Ccitt: return crc16Ccitt(bytes);
    case ChecksumKind::Crc16Modbus: return crc16Modbus(bytes);
    case ChecksumKind::Crc32: return crc32(bytes);
    }
    return 0;
}

} // namespace streamscope
