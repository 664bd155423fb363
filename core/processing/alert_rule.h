#pragma once

#include "core/pipeline/sample.h"
#include "core/processing/alert_event.h"

#include <optional>
#include <string>

namespace streamscope {

enum class AlertKind {
    Above,     // GLOB > X [clear < Y]
    Below,     // GLOB < X [clear > Y]
    Outside,   // GLOB outside A..B
    RateAbove, // GLOB rate > X/s: |dv/dt| between consecutive samples
    Stale,     // GLOB stale D: no sample for D on the pipeline clock
    NonFinite, // GLOB nan: a NaN or infinite value
};

// One parsed alert rule. `text` keeps the user's wording for events and displays.
struct AlertRule {
    std::string text;
    std::string glob;
    AlertKind kind = AlertKind::Above;
    double threshold = 0.0;           // Above, Below, RateAbove (per second)
    std::optional<double> clear;      // hysteresis: Above clears below it, Below above it
    double low = 0.0;                 // Outside
    double high = 0.0;
    TimeNs for_ns = 0;                // the condition must hold this long (sample time) before raising
    TimeNs stale_ns = 0;              // Stale
    AlertSeverity severity = AlertSeverity::Warning;
};

} // namespace streamscope
