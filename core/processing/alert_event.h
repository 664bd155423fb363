#pragma once

#include "core/pipeline/channel_store.h"
#include "core/pipeline/sample.h"

#include <string>
#include <string_view>

namespace streamscope {

enum class AlertSeverity { Info, Warning, Critical };

enum class AlertState { Raised, Cleared };

// One transition of one alert: a rule on a channel was raised or cleared. A value type: it crosses
// from the pipeline thread to the monitor, the GUI and the recorder. Events are rare, so the strings
// are fine here (they are never built per sample).
struct AlertEvent {
    TimeNs time_ns = 0;       // sample time of the transition (for stale: last sample + the stale time)
    ChannelIndex channel = 0; // index in the ChannelStore
    std::string channel_name;
    std::string source;
    std::string rule;         // the rule's text as the user wrote it
    AlertSeverity severity = AlertSeverity::Warning;
    AlertState state = AlertState::Raised;
    double value = 0.0;       // the sample that caused the transition (for stale: the last one seen)
};

[[nodiscard]] constexpr std::string_view severityName(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info: return "info";
    case AlertSeverity::Warning: return "warning";
    case AlertSeverity::Critical: return "critical";
    }
    return "warning";
}

[[nodiscard]] constexpr std::string_view alertStateName(AlertState state)
{
    return state == AlertState::Raised ? "raised" : "cleared";
}

} // namespace streamscope
