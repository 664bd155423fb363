#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace streamscope {

// Parses "5", "2.5s", "500ms", "250us", "10m", "1h" (a bare number is seconds) into nanoseconds.
// Negative, empty and non-numeric text gives nullopt.
[[nodiscard]] std::optional<std::chrono::nanoseconds> parseDuration(std::string_view text);

} // namespace streamscope
