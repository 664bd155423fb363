// The `--frame` layout parser on arbitrary text; a layout it accepts must be self-consistent.
#include "core/protocol/frame_layout.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace streamscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string error;
    const auto layout = parseFrameLayout(std::string_view(reinterpret_cast<const char*>(data), size), error);
    if (!layout) {
        if (error.empty())
            std::abort(); // a refusal must say why
        return 0;
    }
    for (const FrameField& field : layout->fields) {
        if (field.offset + fieldTypeSize(field.type) > layout->declared_size)
            std::abort(); // a field outside the frame
    }
    if (layout->declared_size < layout->sync.size() + layout->checksumBytes())
        std::abort();
    return 0;
}
