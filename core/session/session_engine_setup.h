#pragma once

#include "core/engine.h"
#include "core/processing/processing_stage.h"
#include "core/session/session_config.h"

#include <optional>
#include <string>

namespace streamscope {

// Opens one source of a session on `engine`; the reason when it cannot (a port in use, a busy device,
// "frame: ..." for a bad binary layout).
[[nodiscard]] std::optional<std::string> addSessionSource(const SourceConfig& source, Engine& engine);

// Opens every source of the session on `engine`. Returns the first failure ("sources[1]: ..."), such
// as a port in use or a device that is busy.
[[nodiscard]] std::optional<std::string> applySessionSources(const SessionConfig& config, Engine& engine);

// The session's statistics windows and alert rules.
[[nodiscard]] ProcessingOptions processingOptionsOf(const SessionConfig& config);

} // namespace streamscope
