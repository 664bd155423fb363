#pragma once

#include "core/processing/alert_rule.h"

#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

// Parses the rule language shared by `--alert` and the session file:
//   GLOB > X [clear < Y] [for D] [SEVERITY]      GLOB < X [clear > Y] [for D] [SEVERITY]
//   GLOB outside A..B [for D] [SEVERITY]         GLOB rate > X/s [for D] [SEVERITY]
//   GLOB stale D [SEVERITY]                      GLOB nan [SEVERITY]
// Tokens are separated by spaces. SEVERITY is info, warning (default) or critical. On a bad rule
// returns nullopt and a one-line reason naming the offending word in `error`.
[[nodiscard]] std::optional<AlertRule> parseAlertRule(std::string_view text, std::string& error);

} // namespace streamscope
