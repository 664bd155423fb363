#pragma once

#include "core/pipeline/sample.h"
#include "core/processing/alert_rule.h"

#include <optional>

namespace streamscope {

struct AlertTransition {
    AlertState state = AlertState::Raised;
    TimeNs time_ns = 0;
    double value = 0.0;
};

// One rule on one channel: quiet → (pending for `for`) → raised → cleared → quiet. Hysteresis is in
// the clear level: once raised, only a value past `clear` clears it, so a signal chattering between the
// clear level and the threshold gives one raise and no flapping. A `for` hold restarts whenever the
// condition lapses. NaN neither raises nor clears a threshold rule (the `nan` rule is for that).
class AlertStateMachine {
public:
    explicit AlertStateMachine(const AlertRule& rule) : rule_(&rule) {}

    // Every sample of the channel, in order.
    [[nodiscard]] std::optional<AlertTransition> onSample(TimeNs time_ns, double value);
    // The pipeline clock (wall clock live, replay clock on replay); only stale rules use it.
    [[nodiscard]] std::optional<AlertTransition> onClock(TimeNs now_ns);

    [[nodiscard]] bool raised() const { return raised_; }
    [[nodiscard]] const AlertRule& rule() const { return *rule_; }

private:
    [[nodiscard]] bool raiseCondition(TimeNs time_ns, double value) const;
    [[nodiscard]] bool clearCondition(TimeNs time_ns, double value) const;
    [[nodiscard]] double rateOfChange(TimeNs time_ns, double value) const;

    const AlertRule* rule_;
    bool raised_ = false;
    bool pending_ = false;
    TimeNs pending_since_ns_ = 0;
    bool seen_ = false;
    TimeNs last_time_ns_ = 0;
    double last_value_ = 0.0;
};

} // namespace streamscope
