#include "core/protocol/checksum.h"

#include <array>

namespace streamscope {

namespace {

// Tables built at compile time from the polynomials, so that no magic constants need checking.
constexpr std::array<std::uint16_t, 256> makeCrc16MsbFirstTable(std::uint16_t poly)
{
    std::array<std::uint16_t, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        auto crc = static_cast<std::uint16_t>(i << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = static_cast<std::uint16_t>((crc & 0x8000U) ? (crc << 1) ^ poly : crc << 1);
        table[i] = crc;
    }
    return table;
}

template<typename T>
constexpr std::array<T, 256> makeReflectedTable(T reflected_poly)
{
    std::array<T, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        T crc = static_cast<T>(i);
        for (int bit = 0; bit < 8; ++bit)
            crc = static_cast<T>((crc & 1U) ? (crc >> 1) ^ reflected_poly : crc >> 1);
        table[i] = crc;
    }
    return table;
}

constexpr auto kCcittTable = makeCrc16MsbFirstTable(0x1021);
constexpr auto kModbusTable = makeReflectedTable<std::uint16_t>(0xA001);
constexpr auto kCrc32Table = makeReflectedTable<std::uint32_t>(0xEDB88320U);

std::uint32_t crc16Ccitt(std::span<const std::uint8_t> bytes)
{
    std::uint16_t crc = 0xFFFF;
    for (const std::uint8_t b : bytes)
        crc = static_cast<std::uint16_t>((crc << 8) ^ kCcittTable[((crc >> 8) ^ b) & 0xFFU]);
    return crc;
}

std::uint32_t crc16Modbus(std::span<const std::uint8_t> bytes)
{
    std::uint16_t crc = 0xFFFF;
    for (const std::uint8_t b : bytes)
        crc = static_cast<std::uint16_t>((crc >> 8) ^ kModbusTable[(crc ^ b) & 0xFFU]);
    return crc;
}

std::uint32_t crc32(std::span<const std::uint8_t> bytes)
{
    std::uint32_t crc = 0xFFFFFFFFU;
    for (const std::uint8_t b : bytes)
        crc = (crc >> 8) ^ kCrc32Table[(crc ^ b) & 0xFFU];
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
