#pragma once

#include "core/engine.h"
#include "core/processing/processing_stage.h"

#include <QByteArray>

namespace streamscope::cli {

// The JSON summary `monitor --json` (and `replay --json`) prints at exit: totals, per channel the
// counts and statistics, per source the counters, and every alert event.
[[nodiscard]] QByteArray monitorJsonSummary(const Engine& engine, const ProcessingStage& processing, double seconds);

// The one-line totals printed after the table: frames, samples, channels, decode errors and drops.
void printMonitorTotals(const Engine& engine, double seconds);

} // namespace streamscope::cli
