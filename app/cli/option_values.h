#pragma once

#include <QCommandLineParser>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

namespace streamscope::cli {

// Command-line values: the whole text must be the number (nothing before or after it).
[[nodiscard]] std::optional<long long> parseIntegerValue(const QString& text);
// Finite numbers only: "nan" and "inf" are not a rate, a count or a size.
[[nodiscard]] std::optional<double> parseNumberValue(const QString& text);

// A point in time as the archive commands take it: "1700000000.5" (epoch seconds) or
// "2026-11-25T08:30:00[.123456789][Z]" (UTC), in nanoseconds since the epoch.
[[nodiscard]] std::optional<std::int64_t> parseTimePoint(const std::string& text);

// Reads option --`name` with parseTimePoint into `into` when it is set. A bad value is reported
// ("bad --from 'x': ...") and gives false.
[[nodiscard]] bool readTimeOption(const QCommandLineParser& parser, const char* name, std::optional<std::int64_t>& into);

// 'value', for messages that name a bad value.
[[nodiscard]] std::string quoted(const QString& value);

} // namespace streamscope::cli
