#pragma once

#include "core/processing/processing_stage.h"

#include <QCommandLineParser>

#include <optional>
#include <string>

namespace streamscope::cli {

// --window (repeatable) and --alert (repeatable), for commands that compute statistics and alerts.
void addProcessingOptions(QCommandLineParser& parser);

// The flags over `defaults` (from a session file, or the built-in 1 s, 10 s, 60 s): each flag given
// replaces that part of the defaults. On a bad value returns nullopt with a one-line message in `error`.
[[nodiscard]] std::optional<ProcessingOptions> readProcessingOptions(const QCommandLineParser& parser,
                                                                     ProcessingOptions defaults, std::string& error);

// "1s", "500ms", "1.5m": the shortest exact spelling of a window, for headings.
[[nodiscard]] std::string formatWindow(TimeNs window_ns);

} // namespace streamscope::cli
