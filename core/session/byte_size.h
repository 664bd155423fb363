#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace streamscope {

// Parses a size that ends in a byte unit: "512B", "10kB", "64KiB", "500MB", "1GiB", "2.5GB" (decimal
// units are powers of 1000, "i" units powers of 1024). Text without a B unit gives nullopt, so that a
// caller can tell a size from a duration.
[[nodiscard]] std::optional<std::uint64_t> parseByteSize(std::string_view text);

} // namespace streamscope
