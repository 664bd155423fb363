#include "app/cli/option_values.h"

#include <charconv>
#include <cmath>
#include <ctime>

namespace streamscope::cli {

namespace {

template<typename Number>
std::optional<Number> parseWhole(const QString& text)
{
    const std::string s = text.toStdString();
    Number value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return value;
}

} // namespace

std::optional<long long> parseIntegerValue(const QString& text) { return parseWhole<long long>(text); }

std::optional<double> parseNumberValue(const QString& text)
{
    const auto value = parseWhole<double>(text);
    return value && std::isfinite(*value) ? value : std::nullopt;
}

std::string quoted(const QString& value)
{
    std::string text = "'";
    text += value.toStdString();
    text += '\'';
    return text;
}

// "1700000000.5" (epoch seconds) or "2026-11-25T08:30:00[.123456789][Z]" (UTC).
std::optional<TimeNs> parseTimePoint(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    if (text.find('T') == std::string::npos) {
        double seconds = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc{} || end != text.data() + text.size())
            return std::nullopt;
        return static_cast<TimeNs>(seconds * 1e9);
    }
    std::tm utc{};
    const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
    if (rest == nullptr)
        return std::nullopt;
    TimeNs nanos = 0;
    if (*rest == '.') {
        ++rest;
        int digits = 0;
        while (*rest >= '0' && *rest <= '9') {
            if (digits < 9) {
                nanos = nanos * 10 + (*rest - '0');
                ++digits;
            }
            ++rest;
        }
        for (; digits < 9; ++digits)
            nanos *= 10;
    }
    if (*rest == 'Z')
        ++rest;
    if (*rest != '\0')
        return std::nullopt;
    return static_cast<TimeNs>(timegm(&utc)) * 1'000'000'000 + nanos;
}

} // namespace streamscope::cli
