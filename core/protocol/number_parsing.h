#pragma once

#include "core/pipeline/sample.h"
#include "core/protocol/decoder_options.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace streamscope {

// Parsers for a field the caller has already cut out and trimmed: the whole of `text` must be the number,
// or the result is nullopt. None of them allocate or throw.

// Decimal or exponent notation with an optional leading '+' or '-'; "nan", "inf" and "infinity" in any case
// are accepted because a sensor may legitimately report them. Magnitudes beyond the range of double
// (e.g. "1e400", "1e-400") are rejected rather than clamped: they are almost always a corrupted field.
[[nodiscard]] std::optional<double> parseDouble(std::string_view text);

// The plain decimal "[+-]digits[.digits]" (digits on at least one side of the dot) that starts at `first`,
// when Clinger's fast path gives it exactly: at most 19 digits whose integer value is at most 2^53. Then
// that integer and the power of ten (10^19 and below are exact) are both exact doubles, and one IEEE
// division rounds the quotient correctly, as std::from_chars would. Sets `value`
// and returns the end of the number; returns nullptr for anything else (exponents, more digits, nan, no
// number at all), which the caller hands to a full parser. Inline because decoders call it per field.
[[nodiscard]] inline const char* parseExactDecimal(const char* first, const char* last, double& value)
{
    static constexpr std::array<double, 20> kPowersOfTen{1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                                         1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    constexpr std::uint64_t kMaxExactInteger = std::uint64_t{1} << 53;
    constexpr std::ptrdiff_t kMaxDigits = 19; // any 19 digits fit in a uint64_t

    const char* p = first;
    const bool negative = p != last && *p == '-';
    if (p != last && (*p == '-' || *p == '+'))
        ++p;
    std::uint64_t mantissa = 0;
    // Appends the digits from `from` on to the mantissa; returns where they end.
    const auto readDigits = [&mantissa, last](const char* from) {
        for (; from != last; ++from) {
            const unsigned digit = static_cast<unsigned char>(*from) - unsigned{'0'};
            if (digit > 9)
                break;
            mantissa = mantissa * 10 + digit;
        }
        return from;
    };
    const char* whole_start = p;
    p = readDigits(p);
    std::ptrdiff_t digits = p - whole_start;
    std::ptrdiff_t fraction_digits = 0;
    if (p != last && *p == '.') {
        const char* fraction_start = ++p;
        p = readDigits(p);
        fraction_digits = p - fraction_start;
        digits += fraction_digits;
    }
    // A wrapped mantissa (over 19 digits) is never used: the digit count rejects it first.
    if (digits == 0 || digits > kMaxDigits || mantissa > kMaxExactInteger)
        return nullptr;
    double magnitude = static_cast<double>(mantissa);
    if (fraction_digits > 0)
        magnitude /= kPowersOfTen[static_cast<std::size_t>(fraction_digits)];
    value = negative ? -magnitude : magnitude;
    return p;
}

[[nodiscard]] std::optional<std::int64_t> parseInt64(std::string_view text);
[[nodiscard]] std::optional<std::uint64_t> parseUInt64(std::string_view text);

// `value` units since the epoch in nanoseconds; nullopt for NaN, infinities and results outside the
// int64 nanosecond range (about the years 1677..2262).
[[nodiscard]] std::optional<TimeNs> timeToNs(double value, TimeUnit unit);

// A timestamp written as a number of `unit`s since the epoch. Integers and plain decimals
// ("1700000000.123456789") are converted exactly, digits finer than a nanosecond truncated, because a
// double cannot hold present-day times to the nanosecond; exponent forms go through timeToNs().
[[nodiscard]] std::optional<TimeNs> parseTimestamp(std::string_view text, TimeUnit unit);

} // namespace streamscope
