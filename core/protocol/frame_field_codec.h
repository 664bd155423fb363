#pragma once

#include "core/protocol/frame_layout.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace streamscope {

// Reads and writes one field's bytes in its byte order. Inline: they run once per field per frame.

template<typename T>
[[nodiscard]] inline T loadBytes(const std::uint8_t* p, ByteOrder order)
{
    using Raw = std::conditional_t<sizeof(T) == 1, std::uint8_t,
                std::conditional_t<sizeof(T) == 2, std::uint16_t,
                std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;
    Raw raw;
    std::memcpy(&raw, p, sizeof raw);
    const bool swap = (order == ByteOrder::Little) != (std::endian::native == std::endian::little);
    if constexpr (sizeof(Raw) == 2) {
        if (swap)
            raw = __builtin_bswap16(raw);
    } else if constexpr (sizeof(Raw) == 4) {
        if (swap)
            raw = __builtin_bswap32(raw);
    } else if constexpr (sizeof(Raw) == 8) {
        if (swap)
            raw = __builtin_bswap64(raw);
    }
    return std::bit_cast<T>(raw);
}

template<typename T>
inline void storeBytes(std::uint8_t* p, T value, ByteOrder order)
{
    // Swapping is its own inverse: load the native bytes as if in `order` to get them swapped.
    std::uint8_t native[sizeof(T)];
    std::memcpy(native, &value, sizeof(T));
    const T swapped = loadBytes<T>(native, order);
    std::memcpy(p, &swapped, sizeof(T));
}

[[nodiscard]] inline double readFieldValue(const std::uint8_t* p, FieldType type, ByteOrder order)
{
    switch (type) {
    case FieldType::U8: return p[0];
    case FieldType::I8: return static_cast<std::int8_t>(p[0]);
    case FieldType::U16: return loadBytes<std::uint16_t>(p, order);
    case FieldType::I16: return loadBytes<std::int16_t>(p, order);
    case FieldType::U32: return loadBytes<std::uint32_t>(p, order);
    case FieldType::I32: return loadBytes<std::int32_t>(p, order);
    case FieldType::U64: return static_cast<double>(loadBytes<std::uint64_t>(p, order));
    case FieldType::I64: return static_cast<double>(loadBytes<std::int64_t>(p, order));
    case FieldType::F32: return loadBytes<float>(p, order);
    case FieldType::F64: return loadBytes<double>(p, order);
    }
    return 0.0;
}

// For length fields: an unsigned integer of 1 or 2 bytes.
[[nodiscard]] inline std::uint32_t readLength(const std::uint8_t* p, FieldType type, ByteOrder order)
{
    return type == FieldType::U8 ? p[0] : loadBytes<std::uint16_t>(p, order);
}

} // namespace streamscope
