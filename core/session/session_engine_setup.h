#pragma once

#include "core/engine.h"
#include "core/ingest/replay_source.h"
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

// The statistics windows and alert rules a recording ran with, from an archive's session_config
// (ArchiveReader::sessionConfig(): record writes the ones in effect there); the defaults for what it lacks.
[[nodiscard]] ProcessingOptions recordedProcessingOptions(const std::string& session_config_json);

// Replays the archive at `path` as a source of `engine` and drives the pipeline's clock from it, so that
// a stale alert never fires for a sample still on its way. Call before start(). Throws as ReplaySource
// does (ArchiveError naming the file, std::invalid_argument for a bad speed).
ReplaySource& addReplaySource(Engine& engine, const std::string& path, ReplaySourceOptions options);

} // namespace streamscope
