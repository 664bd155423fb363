#pragma once

#include "core/pipeline/sample.h"
#include "core/protocol/frame_layout.h"

#include <cstdint>
#include <span>
#include <vector>

namespace streamscope {

// Writes frames of a layout: the inverse of FrameDecoder, for the load generator and for tests.
// Values are given in field order and stored as (value - offset) / scale, rounded and clamped to an
// integer field's range. A length field, when declared, covers exactly the declared fields.
class FrameEncoder {
public:
    FrameEncoder(FrameLayout layout, Framing framing);

    // Appends one frame (COBS- or SLIP-encoded and delimited, for those framings) to `out`.
    void append(std::vector<std::uint8_t>& out, TimeNs time_ns, std::span<const double> values);

    [[nodiscard]] const FrameLayout& layout() const { return layout_; }

private:
    FrameLayout layout_;
    Framing framing_;
    std::vector<std::uint8_t> frame_;
};

} // namespace streamscope
