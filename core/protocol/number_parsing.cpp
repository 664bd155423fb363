#include "core/protocol/number_parsing.h"

#include <charconv>
#include <limits>

namespace streamscope {

namespace {

// std::from_chars rejects a leading '+', which many devices print. A second sign stays invalid.
std::string_view withoutPlus(std::string_view text)
{
    if (text.size() > 1 && text[0] == '+' && text[1] != '+' && text[1] != '-')
        text.remove_prefix(1);
    return text;
}

// The number that is all of `text`, or nothing.
template<typename T>
std::optional<T> parseEntire(std::string_view text)
{
    text = withoutPlus(text);
    if (text.empty())
        return std::nullopt;
    T value{};
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

bool allDigits(std::string_view text)
{
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

struct UnitScale {
    std::uint64_t ns_per_unit;
    int fraction_digits; // decimal places that still count at nanosecond resolution
};

UnitScale scaleOf(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Seconds: return {1'000'000'000, 9};
    case TimeUnit::Milliseconds: return {1'000'000, 6};
    case TimeUnit::Microseconds: return {1'000, 3};
    case TimeUnit::Nanoseconds: return {1, 0};
    }
    return {1, 0};
}

struct PlainDecimal {
    bool negative = false;
    std::string_view whole;
    std::string_view fraction;
};

// Recognises "[-]digits[.digits]" (either side of the dot may be empty, not both).
std::optional<PlainDecimal> splitPlainDecimal(std::string_view text)
{
    PlainDecimal parts;
    parts.negative = !text.empty() && text.front() == '-';
    if (parts.negative)
        text.remove_prefix(1);
    const auto dot = text.find('.');
    parts.whole = text.substr(0, dot);
    parts.fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if ((parts.whole.empty() && parts.fraction.empty()) || !allDigits(parts.whole)
        || !allDigits(parts.fraction))
        return std::nullopt;
    return parts;
}

std::optional<TimeNs> exactTimestamp(const PlainDecimal& parts, TimeUnit unit)
{
    const UnitScale scale = scaleOf(unit);
    std::uint64_t whole_units = 0;
    if (!parts.whole.empty()) {
        const auto parsed = parseEntire<std::uint64_t>(parts.whole);
        if (!parsed)
            return std::nullopt; // digits only, so it overflowed
        whole_units = *parsed;
    }
    std::uint64_t fraction_ns = 0;
    for (std::size_t i = 0; i < static_cast<std::size_t>(scale.fraction_digits); ++i) {
        const unsigned digit
            = i < parts.fraction.size() ? static_cast<unsigned>(parts.fraction[i] - '0') : 0U;
        fraction_ns = fraction_ns * 10 + digit;
    }

    const std::uint64_t limit
        = static_cast<std::uint64_t>(std::numeric_limits<TimeNs>::max()) + (parts.negative ? 1 : 0);
    if (whole_units > (limit - fraction_ns) / scale.ns_per_unit)
        return std::nullopt;
    const std::uint64_t magnitude = whole_units * scale.ns_per_unit + fraction_ns;
    // Unsigned negation is modular and the conversion back to signed is exact in C++20 (-2^63 included).
    return static_cast<TimeNs>(parts.negative ? 0 - magnitude : magnitude);
}

} // namespace

std::optional<double> parseDouble(std::string_view text)
{
    const char* end = text.data() + text.size();
    if (double value = 0; !text.empty() && parseExactDecimal(text.data(), end, value) == end)
        return value;
    return parseEntire<double>(text);
}

std::optional<std::int64_t> parseInt64(std::string_view text)
{
    return parseEntire<std::int64_t>(text);
}

std::optional<std::uint64_t> parseUInt64(std::string_view text)
{
    return parseEntire<std::uint64_t>(text);
}

std::optional<TimeNs> timeToNs(double value, TimeUnit unit)
{
    const double ns = value * static_cast<double>(scaleOf(unit).ns_per_unit);
    // 2^63 is exact in double; the negated comparison also rejects NaN.
    constexpr double kTwoPow63 = 9223372036854775808.0;
    if (!(ns >= -kTwoPow63 && ns < kTwoPow63))
        return std::nullopt;
    return static_cast<TimeNs>(ns);
}

std::optional<TimeNs> parseTimestamp(std::string_view text, TimeUnit unit)
{
    text = withoutPlus(text);
    if (const auto parts = splitPlainDecimal(text))
        return exactTimestamp(*parts, unit);
    if (const auto value = parseDouble(text))
        return timeToNs(*value, unit);
    return std::nullopt;
}

} // namespace streamscope
