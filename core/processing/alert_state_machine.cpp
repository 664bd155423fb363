#include "core/processing/alert_state_machine.h"

#include <cmath>
#include <limits>

namespace streamscope {

double AlertStateMachine::rateOfChange(TimeNs time_ns, double value) const
{
    // Undefined without a previous finite sample strictly earlier in time: neither raises nor clears.
    if (!seen_ || time_ns <= last_time_ns_ || !std::isfinite(value) || !std::isfinite(last_value_))
        return std::numeric_limits<double>::quiet_NaN();
    return std::abs(value - last_value_) / (static_cast<double>(time_ns - last_time_ns_) * 1e-9);
}

bool AlertStateMachine::raiseCondition(TimeNs time_ns, double value) const
{
    switch (rule_->kind) {
    case AlertKind::Above: return value > rule_->threshold;
    case AlertKind::Below: return value < rule_->threshold;
    case AlertKind::Outside: return value < rule_->low || value > rule_->high;
    case AlertKind::RateAbove: return rateOfChange(time_ns, value) > rule_->threshold;
    case AlertKind::NonFinite: return !std::isfinite(value);
    case AlertKind::Stale: return false;
    }
    return false;
}

bool AlertStateMachine::clearCondition(TimeNs time_ns, double value) const
{
    switch (rule_->kind) {
    case AlertKind::Above: return rule_->clear ? value < *rule_->clear : value <= rule_->threshold;
    case AlertKind::Below: return rule_->clear ? value > *rule_->clear : value >= rule_->threshold;
    case AlertKind::Outside: return value >= rule_->low && value <= rule_->high;
    case AlertKind::RateAbove: return rateOfChange(time_ns, value) <= rule_->threshold;
    case AlertKind::NonFinite: return std::isfinite(value);
    case AlertKind::Stale: return true; // any sample ends the silence
    }
    return false;
}

std::optional<AlertTransition> AlertStateMachine::onSample(TimeNs time_ns, double value)
{
    std::optional<AlertTransition> transition;
    if (raised_) {
        if (clearCondition(time_ns, value)) {
            raised_ = false;
            transition = AlertTransition{AlertState::Cleared, time_ns, value};
        }
    } else if (raiseCondition(time_ns, value)) {
        if (!pending_) {
            pending_ = true;
            pending_since_ns_ = time_ns;
        }
        if (time_ns - pending_since_ns_ >= rule_->for_ns) {
            pending_ = false;
            raised_ = true;
            transition = AlertTransition{AlertState::Raised, time_ns, value};
        }
    } else {
        pending_ = false;
    }
    // Out-of-order samples do not move the channel's clock back (stale and rate use the newest time).
    if (!seen_ || time_ns >= last_time_ns_) {
        last_time_ns_ = time_ns;
        last_value_ = value;
    }
    seen_ = true;
    return transition;
}

std::optional<AlertTransition> AlertStateMachine::onClock(TimeNs now_ns)
{
    if (rule_->kind != AlertKind::Stale || raised_ || !seen_)
        return std::nullopt;
    if (now_ns - last_time_ns_ < rule_->stale_ns)
        return std::nullopt;
    raised_ = true;
    // The moment it went quiet, not the tick that noticed: the same on replay as live.
    return AlertTransition{AlertState::Raised, last_time_ns_ + rule_->stale_ns, last_value_};
}

} // namespace streamscope
