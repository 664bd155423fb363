#pragma once

#include "core/pipeline/sample.h"
#include "core/protocol/decoder_options.h"

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
