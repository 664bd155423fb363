#pragma once

namespace streamscope::cli {

// Installs SIGINT and SIGTERM handlers that only set a flag, for commands that run until stopped.
void installStopSignalHandlers();
[[nodiscard]] bool stopRequested();

} // namespace streamscope::cli
