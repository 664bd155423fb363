#pragma once

#include "core/processing/alert_event.h"

namespace streamscope {

// Told of every alert transition, on the pipeline thread, in order. Must not block (the recorder
// queues the event for its own thread).
class AlertListener {
public:
    virtual ~AlertListener() = default;
    virtual void onAlertEvent(const AlertEvent& event) = 0;
};

} // namespace streamscope
