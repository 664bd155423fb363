#pragma once

#include "core/processing/processing_snapshot.h"

#include <QJsonArray>
#include <QJsonObject>

#include <string>
#include <vector>

namespace streamscope::cli {

// One line for an alert event: "ALERT raised critical udp/temp 'temp > 30' value 31.2 at 12:00:01.250".
[[nodiscard]] std::string formatAlertEvent(const AlertEvent& event);

// The statistics table (one row per channel and window) and the list of active alerts, to stdout.
void printStatistics(const ProcessingSnapshot& snapshot);

// The top-level "alerts" array of `monitor --json`.
[[nodiscard]] QJsonArray alertsJson(const std::vector<AlertEvent>& events);

// Adds "std", "rate" (average over the session) and "windows" to a channel of `monitor --json`.
void addStatisticsJson(QJsonObject& channel, const ChannelStatistics& statistics, const ChannelTotals& totals);

} // namespace streamscope::cli
