#pragma once

#include "app/cli/source_options.h"
#include "core/processing/processing_stage.h"
#include "core/session/session_config.h"

#include <QCommandLineParser>

#include <optional>
#include <string>

namespace streamscope::cli {

// What a command that runs live sources needs from its command line: the sources (--udp, --serial,
// --demo and the decoder flags) or a session file (--session), and the statistics windows and alert
// rules (--window, --alert). Flags override the session's parts.
struct LiveSetup {
    SourceSetup sources;
    std::optional<SessionConfig> session;
    bool sources_from_session = false; // the flags named no source, so the session's are used
    ProcessingOptions processing;
};

void addLiveOptions(QCommandLineParser& parser);

// On a bad flag or session file prints every problem (one line each) and returns nullopt: exit code 2.
[[nodiscard]] std::optional<LiveSetup> readLiveOptions(const QCommandLineParser& parser);

// Opens the session's or the flags' sources on `engine`, and applies the session's channel metadata
// (unit, display name, scale/offset); the first failure's message, or nullopt.
[[nodiscard]] std::optional<std::string> applyLiveSources(const LiveSetup& setup, Engine& engine);

// After the engine stopped: a note on stderr for each channel the session describes but no source sent.
void reportUnusedChannelMetadata(const Engine& engine);

} // namespace streamscope::cli
