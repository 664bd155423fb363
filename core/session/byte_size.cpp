#include "core/session/byte_size.h"

#include <charconv>
#include <cmath>
#include <string>

namespace streamscope {

std::optional<std::uint64_t> parseByteSize(std::string_view text)
{
    struct Unit {
        std::string_view suffix;
        double factor;
    };
    // Longest suffixes first so that "KiB" is not read as "B".
    static constexpr Unit kUnits[] = {
        {"KiB", 1024.0}, {"MiB", 1024.0 * 1024}, {"GiB", 1024.0 * 1024 * 1024}, {"TiB", 1024.0 * 1024 * 1024 * 1024},
        {"kB", 1e3},     {"KB", 1e3},            {"MB", 1e6},                  {"GB", 1e9},
        {"TB", 1e12},    {"B", 1.0},
    };
    for (const Unit& unit : kUnits) {
        if (text.size() <= unit.suffix.size() || !text.ends_with(unit.suffix))
            continue;
        const std::string_view number = text.substr(0, text.size() - unit.suffix.size());
        double value = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec != std::errc{} || end != number.data() + number.size() || !(value > 0) || !std::isfinite(value))
            return std::nullopt;
        const double bytes = value * unit.factor;
        if (bytes >= 1.8e19)
            return std::nullopt;
        return static_cast<std::uint64_t>(bytes);
    }
    return std::nullopt;
}

} // namespace streamscope
