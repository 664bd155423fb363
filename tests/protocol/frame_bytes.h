#pragma once

#include "core/protocol/checksum.h"

#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace streamscope::test {

// Builds frames byte by byte with shifts, independently of the decoder's own byte-order code, so that
// a test compares the decoder against bytes it did not produce itself.
class FrameBytes {
public:
    FrameBytes& bytes(std::initializer_list<std::uint8_t> list)
    {
        data.insert(data.end(), list.begin(), list.end());
        return *this;
    }
    FrameBytes& integer(std::uint64_t value, int size, bool big_endian)
    {
        for (int i = 0; i < size; ++i) {
            const int shift = 8 * (big_endian ? size - 1 - i : i);
            data.push_back(static_cast<std::uint8_t>(value >> shift));
        }
        return *this;
    }
    FrameBytes& f32(float value, bool big) { return integer(std::bit_cast<std::uint32_t>(value), 4, big); }
    FrameBytes& f64(double value, bool big) { return integer(std::bit_cast<std::uint64_t>(value), 8, big); }
    // Appends the checksum over everything after the first `sync_size` bytes.
    FrameBytes& checksum(ChecksumKind kind, std::size_t sync_size, bool big_endian)
    {
        const std::uint32_t crc =
            computeChecksum(kind, std::span<const std::uint8_t>(data).subspan(sync_size));
        return integer(crc, static_cast<int>(checksumSize(kind)), big_endian);
    }

    std::vector<std::uint8_t> data;
};

} // namespace streamscope::test
