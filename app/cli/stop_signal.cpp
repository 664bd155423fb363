#include "app/cli/stop_signal.h"

#include <atomic>
#include <csignal>

namespace streamscope::cli {

namespace {
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "used from a signal handler");

extern "C" void onStopSignal(int) { g_stop_requested.store(true); }
} // namespace

void installStopSignalHandlers()
{
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool stopRequested() { return g_stop_requested.load(); }

} // namespace streamscope::cli
