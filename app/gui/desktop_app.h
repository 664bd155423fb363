#pragma once

namespace streamscope::gui {

// Runs the desktop app; returns the exit code. Reports a missing display instead of aborting.
int runDesktopApp(int argc, char** argv);

} // namespace streamscope::gui
