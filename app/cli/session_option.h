#pragma once

#include "core/session/session_config.h"

#include <QCommandLineParser>

#include <optional>
#include <string>

namespace streamscope::cli {

// --session FILE: sources, statistics windows and alert rules from a session file. Command-line flags
// override the file: any --udp/--serial/--demo replaces its sources, any --window its windows, any --alert its rules.
void addSessionOption(QCommandLineParser& parser);

// The session named by --session, if any. When the file has problems, prints every one of them to
// stderr, one per line ("streamscope: S.json: sources[1].port: expected ..."), and sets `failed`.
[[nodiscard]] std::optional<SessionConfig> readSessionOption(const QCommandLineParser& parser, bool& failed);

// Whether the command line names its own sources (which then replace the session's).
[[nodiscard]] bool hasSourceFlags(const QCommandLineParser& parser);

} // namespace streamscope::cli
