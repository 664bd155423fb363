#include "core/session/duration.h"

#include <charconv>
#include <cmath>
#include <utility>

namespace streamscope {

std::optional<std::chrono::nanoseconds> parseDuration(std::string_view text)
{
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc{} || !std::isfinite(number) || number < 0.0)
        return std::nullopt;
    const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));

    static constexpr std::pair<std::string_view, double> kUnits[] = {
        {"", 1e9}, {"s", 1e9}, {"ms", 1e6}, {"us", 1e3}, {"ns", 1.0}, {"m", 60e9}, {"min", 60e9}, {"h", 3600e9}};
    for (const auto& [name, scale] : kUnits) {
        if (unit == name) {
            const double ns = number * scale;
            if (ns > 9.2e18)
                return std::nullopt;
            return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(ns)));
        }
    }
    return std::nullopt;
}

std::string formatDuration(std::chrono::nanoseconds duration)
{
    const std::int64_t ns = duration.count();
    static constexpr std::pair<std::int64_t, const char*> kUnits[] = {
        {3'600'000'000'000, "h"}, {60'000'000'000, "m"}, {1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}};
    if (ns != 0)
        for (const auto& [scale, suffix] : kUnits)
            if (ns % scale == 0)
                return std::to_string(ns / scale) + suffix;
    return ns == 0 ? std::string("0s") : std::to_string(ns) + "ns";
}

} // namespace streamscope
