#pragma once

#include "core/session/json_field_reader.h"
#include "core/session/session_config.h"

#include <optional>
#include <string>
#include <vector>

namespace streamscope {

// Reads one element of "sources" at `path` (e.g. "sources[1]"), recording every problem.
[[nodiscard]] std::optional<SourceConfig> readSourceConfig(const QJsonValue& value, const std::string& path,
                                                           std::vector<SessionProblem>& problems);

} // namespace streamscope
