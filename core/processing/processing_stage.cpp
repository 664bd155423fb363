#include "core/processing/processing_stage.h"

#include "core/processing/channel_glob.h"

#include <algorithm>

namespace streamscope {

ProcessingStage::ProcessingStage(ProcessingOptions options) : options_(std::move(options))
{
    published_.windows = options_.windows;
}

void ProcessingStage::channelAdded(ChannelIndex channel, const ChannelInfo& info)
{
    // The pipeline announces channels in index order, once each.
    while (channels_.size() <= channel)
        channels_.emplace_back(options_.windows);
    ChannelState& state = channels_[channel];
    state.info = info;
    matchRules(state);
}

void ProcessingStage::matchRules(ChannelState& state)
{
    state.alerts.clear();
    for (const AlertRule& rule : options_.rules)
        if (globMatches(rule.glob, state.info.name))
            state.alerts.emplace_back(rule);
}

void ProcessingStage::replaceRules(std::vector<AlertRule> rules)
{
    std::lock_guard lock(mutex_);
    pending_rules_ = std::move(rules);
    rules_pending_.store(true, std::memory_order_release);
}

void ProcessingStage::applyRuleChange(TimeNs now_ns)
{
    std::vector<AlertRule> rules;
    {
        std::lock_guard lock(mutex_);
        rules = std::move(*pending_rules_);
        pending_rules_.reset();
        rules_pending_.store(false, std::memory_order_relaxed);
    }
    for (ChannelIndex channel = 0; channel < channels_.size(); ++channel)
        for (const AlertStateMachine& machine : channels_[channel].alerts)
            if (machine.raised())
                raiseEvent(channel, machine, {AlertState::Cleared, now_ns, channels_[channel].last});
    options_.rules = std::move(rules); // the machines point into the old rules: rebuild them all
    for (ChannelState& state : channels_)
        matchRules(state);
}

void ProcessingStage::process(std::span<const ChannelSample> samples)
{
    // Alerts see the samples in arrival order, so events keep the order of the stream. The windows are
    // per channel, so each channel's samples are gathered and added as one run: its windows then stay
    // in registers and their eviction cursors walk memory in order.
    const bool windowed = !options_.windows.empty();
    for (const ChannelSample& sample : samples) {
        if (sample.channel >= channels_.size())
            continue; // cannot happen: the pipeline announces every channel first
        ChannelState& state = channels_[sample.channel];
        state.session.add(sample.value);
        state.last = sample.value;
        state.last_time_ns = std::max(state.last_time_ns, sample.time_ns);
        if (windowed) {
            if (state.batch_times.empty())
                batch_channels_.push_back(sample.channel);
            state.batch_times.push_back(sample.time_ns);
            state.batch_values.push_back(sample.value);
        }
        for (AlertStateMachine& machine : state.alerts) {
            // A sample after a silence longer than a stale rule's time proves the silence in sample
            // time, whether or not a tick saw it: raise (at last sample + the stale time) before the
            // sample clears it. So replay, with its fewer ticks, gives the events live gave.
            if (const auto silence = machine.onClock(sample.time_ns))
                raiseEvent(sample.channel, machine, *silence);
            if (const auto transition = machine.onSample(sample.time_ns, sample.value))
                raiseEvent(sample.channel, machine, *transition);
        }
    }
    for (const ChannelIndex channel : batch_channels_) {
        ChannelState& state = channels_[channel];
        state.windows.add(state.batch_times, state.batch_values);
        state.batch_times.clear();
        state.batch_values.clear();
    }
    batch_channels_.clear();
}

void ProcessingStage::tick(TimeNs now_ns)
{
    if (rules_pending_.load(std::memory_order_acquire))
        applyRuleChange(now_ns);
    for (ChannelIndex channel = 0; channel < channels_.size(); ++channel)
        for (AlertStateMachine& machine : channels_[channel].alerts)
            if (const auto transition = machine.onClock(now_ns))
                raiseEvent(channel, machine, *transition);
    publish(now_ns, PublishMode::SkipIfBusy);
}

void ProcessingStage::finish()
{
    TimeNs clock = 0;
    {
        std::lock_guard lock(mutex_);
        clock = published_.clock_ns;
    }
    // The samples of the last batches, published under the clock of the last tick.
    publish(clock, PublishMode::Always);
}

void ProcessingStage::raiseEvent(ChannelIndex channel, const AlertStateMachine& machine, const AlertTransition& transition)
{
    const ChannelState& state = channels_[channel];
    AlertEvent event;
    event.time_ns = transition.time_ns;
    event.channel = channel;
    event.channel_name = state.info.name;
    event.source = state.info.source;
    event.rule = machine.rule().text;
    event.severity = machine.rule().severity;
    event.state = transition.state;
    event.value = transition.value;
    {
        std::lock_guard lock(mutex_);
        events_.push_back(event);
        const auto same_alert = [&](const AlertEvent& active) {
            return active.channel == channel && active.rule == event.rule;
        };
        if (event.state == AlertState::Raised)
            active_.push_back(event);
        else
            active_.erase(std::remove_if(active_.begin(), active_.end(), same_alert), active_.end());
    }
    for (AlertListener* listener : listeners_)
        listener->onAlertEvent(event);
}

void ProcessingStage::publish(TimeNs now_ns, PublishMode mode)
{
    // A reader copying the snapshot holds the lock for a moment; rather than wait for it, the pipeline
    // skips this publication and publishes at the next tick, ~10 ms later.
    std::unique_lock lock(mutex_, std::defer_lock);
    if (mode == PublishMode::Always)
        lock.lock();
    else if (!lock.try_lock())
        return;
    published_.clock_ns = now_ns;
    // Assigning into the previous snapshot reuses its storage: no allocation once channels settle.
    published_.channels.resize(channels_.size());
    for (std::size_t i = 0; i < channels_.size(); ++i) {
        const ChannelState& state = channels_[i];
        ChannelStatistics& out = published_.channels[i];
        out.channel = static_cast<ChannelIndex>(i);
        if (out.info.name != state.info.name || out.info.source != state.info.source)
            out.info = state.info;
        out.last = state.last;
        out.last_time_ns = state.last_time_ns;
        out.session = state.session.summary();
        out.windows.resize(state.windows.windowCount());
        for (std::size_t w = 0; w < out.windows.size(); ++w)
            out.windows[w] = state.windows.statistics(w);
    }
    published_.active_alerts = active_;
}

ProcessingSnapshot ProcessingStage::snapshot() const
{
    std::lock_guard lock(mutex_);
    return published_;
}

std::vector<AlertEvent> ProcessingStage::alertEvents(std::size_t first) const
{
    std::lock_guard lock(mutex_);
    if (first >= events_.size())
        return {};
    return {events_.begin() + static_cast<std::ptrdiff_t>(first), events_.end()};
}

} // namespace streamscope
