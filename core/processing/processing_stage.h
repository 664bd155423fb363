#pragma once

#include "core/pipeline/pipeline_stage.h"
#include "core/processing/alert_listener.h"
#include "core/processing/alert_rule.h"
#include "core/processing/alert_state_machine.h"
#include "core/processing/processing_snapshot.h"
#include "core/processing/rolling_window_stats.h"
#include "core/processing/running_stats.h"

#include <atomic>
#include <cstddef>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

namespace streamscope {

struct ProcessingOptions {
    std::vector<TimeNs> windows{1'000'000'000, 10'000'000'000, 60'000'000'000};
    std::vector<AlertRule> rules;
};

// Rolling statistics and alert evaluation on the pipeline thread. Per sample it touches only the
// channel's windows and the alert machines whose glob matched the channel when it appeared: no
// locks, no allocation after warm-up. On every tick it evaluates stale rules against the pipeline
// clock and publishes a snapshot for readers on other threads.
class ProcessingStage final : public PipelineStage {
public:
    explicit ProcessingStage(ProcessingOptions options);

    // Before the engine starts. Not owned; called on the pipeline thread.
    void addAlertListener(AlertListener* listener) { listeners_.push_back(listener); }

    void channelAdded(ChannelIndex channel, const ChannelInfo& info) override;
    void process(std::span<const ChannelSample> samples) override;
    void tick(TimeNs now_ns) override;
    void finish() override;

    // Any thread: replaces the alert rules from the next tick on. Alerts raised under the old rules are
    // cleared first (with a cleared event each, so every listener's view of what is active stays right).
    void replaceRules(std::vector<AlertRule> rules);

    // Any thread. A copy taken under a short lock; publication never waits for a reader (see publish()).
    [[nodiscard]] ProcessingSnapshot snapshot() const;
    // Every alert event so far from index `first` on (pass the count you have seen to get the new ones).
    [[nodiscard]] std::vector<AlertEvent> alertEvents(std::size_t first = 0) const;
    // The pipeline thread, or before start / after stop (replaceRules() changes them on the pipeline thread).
    [[nodiscard]] const ProcessingOptions& options() const { return options_; }

private:
    struct ChannelState {
        explicit ChannelState(const std::vector<TimeNs>& window_lengths) : windows(window_lengths) {}
        ChannelInfo info;
        RollingWindowStats windows;
        RunningStats session;
        double last = std::numeric_limits<double>::quiet_NaN();
        TimeNs last_time_ns = 0;
        std::vector<AlertStateMachine> alerts;
        // This channel's samples of the batch being processed; cleared, never freed, after each batch.
        std::vector<TimeNs> batch_times;
        std::vector<double> batch_values;
    };

    void raiseEvent(ChannelIndex channel, const AlertStateMachine& machine, const AlertTransition& transition);
    enum class PublishMode { SkipIfBusy, Always };
    void publish(TimeNs now_ns, PublishMode mode);
    void applyRuleChange(TimeNs now_ns);
    void matchRules(ChannelState& state);

    ProcessingOptions options_;
    std::vector<ChannelState> channels_; // pipeline thread only
    std::vector<ChannelIndex> batch_channels_; // the channels with samples in the batch being processed
    std::vector<AlertListener*> listeners_;

    mutable std::mutex mutex_; // guards everything below
    ProcessingSnapshot published_;
    std::vector<AlertEvent> events_;
    std::vector<AlertEvent> active_;
    std::optional<std::vector<AlertRule>> pending_rules_;
    std::atomic<bool> rules_pending_{false};
};

} // namespace streamscope
