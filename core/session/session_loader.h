#pragma once

#include "core/session/json_field_reader.h"
#include "core/session/session_config.h"

#include <QByteArray>

#include <optional>
#include <string>
#include <vector>

namespace streamscope {

// The outcome of reading a session file: the config when there were no problems, and otherwise every
// problem found, each with its JSON path and what was expected.
struct SessionLoadResult {
    std::optional<SessionConfig> config;
    std::vector<SessionProblem> problems;
};

// Parses and validates a whole session (the format is described by resources/session.schema.json).
// Unknown keys are problems too, so that a misspelt key is never silently ignored.
[[nodiscard]] SessionLoadResult parseSession(const QByteArray& json);

// Reads the file and parses it; an unreadable file is one problem naming the path.
[[nodiscard]] SessionLoadResult loadSessionFile(const std::string& path);

} // namespace streamscope
