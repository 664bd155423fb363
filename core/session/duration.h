#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

// Parses "5", "2.5s", "500ms", "250us", "10m", "1h" (a bare number is seconds) into nanoseconds.
// Negative, empty and non-numeric text gives nullopt.
[[nodiscard]] std::optional<std::chrono::nanoseconds> parseDuration(std::string_view text);

// The shortest exact spelling that parseDuration() reads back: "10s", "500ms", "2m", "1h", "1500ns".
[[nodiscard]] std::string formatDuration(std::chrono::nanoseconds duration);

} // namespace streamscope
