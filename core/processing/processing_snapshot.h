#pragma once

#include "core/pipeline/channel_store.h"
#include "core/processing/alert_event.h"
#include "core/processing/rolling_window_stats.h"

#include <limits>
#include <vector>

namespace streamscope {

// One channel's statistics as published by the ProcessingStage.
struct ChannelStatistics {
    ChannelIndex channel = 0;
    ChannelInfo info;
    double last = std::numeric_limits<double>::quiet_NaN();
    TimeNs last_time_ns = 0;
    StatisticsSummary session;              // the whole session
    std::vector<WindowStatistics> windows;  // in the order of ProcessingOptions::windows
};

// What readers (monitor, GUI, recorder) get: a copy, consistent as of one pipeline tick.
struct ProcessingSnapshot {
    TimeNs clock_ns = 0; // the pipeline clock at publication: time since last sample = clock_ns - last_time_ns
    std::vector<TimeNs> windows;
    std::vector<ChannelStatistics> channels; // by ChannelIndex
    std::vector<AlertEvent> active_alerts;   // the raising event of each alert now raised
};

} // namespace streamscope
