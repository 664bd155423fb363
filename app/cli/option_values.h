#pragma once

#include "core/pipeline/sample.h"

#include <QString>

#include <optional>
#include <string>

namespace streamscope::cli {

// Command-line values: the whole text must be the number (nothing before or after it).
[[nodiscard]] std::optional<long long> parseIntegerValue(const QString& text);
// Finite numbers only: "nan" and "inf" are not a rate, a count or a size.
[[nodiscard]] std::optional<double> parseNumberValue(const QString& text);

// 'value', for messages that name a bad value.
[[nodiscard]] std::string quoted(const QString& value);

// A point in time: "1700000000.5" (epoch seconds) or "2026-11-25T08:30:00[.123456789][Z]" (UTC).
[[nodiscard]] std::optional<TimeNs> parseTimePoint(const std::string& text);

} // namespace streamscope::cli
