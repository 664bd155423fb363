#pragma once

// The frame layouts the binary fuzz targets decode with, one picked per input: sync and no sync, fixed
// size and length fields (u8, u16), device timestamps, both byte orders and every checksum.
#include "core/protocol/frame_layout.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace streamscope::fuzz {

inline constexpr std::array<std::string_view, 6> kLayoutSpecs = {
    "sync=AA55 le u16:seq f32:ax f32:ay f32:az crc=crc16-ccitt",
    "sync=A5 be time=u64:us i16:temp*0.5-40 u8:flags+1 crc=xor8",
    "sync=AA len=u8 u8:v crc=sum8",
    "sync=AA55 le len=u16 u16:a u16:b crc=crc16-modbus",
    "sync=7E be len=u8 time=u32:ms pad:2 f64:x i64:y crc=crc32",
    "le u8:a i32:b u64:c",
};

// The layout for `selector`, parsed once.
inline const FrameLayout& layoutFor(std::uint8_t selector)
{
    static const std::array<FrameLayout, kLayoutSpecs.size()> layouts = [] {
        std::array<FrameLayout, kLayoutSpecs.size()> parsed;
        for (std::size_t i = 0; i < kLayoutSpecs.size(); ++i) {
            std::string error;
            auto layout = parseFrameLayout(kLayoutSpecs[i], error);
            if (!layout)
                std::abort(); // a broken spec above, not a finding
            parsed[i] = std::move(*layout);
        }
        return parsed;
    }();
    return layouts[selector % layouts.size()];
}

inline Framing framingFor(std::uint8_t selector)
{
    constexpr std::array<Framing, 3> kFramings = {Framing::Sync, Framing::Cobs, Framing::Slip};
    return kFramings[(selector / kLayoutSpecs.size()) % kFramings.size()];
}

} // namespace streamscope::fuzz
