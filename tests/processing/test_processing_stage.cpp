#include "core/processing/alert_rule_parser.h"
#include "core/processing/processing_stage.h"

#include <QTest>

#include <cmath>
#include <span>
#include <vector>

using namespace streamscope;

namespace {

constexpr TimeNs kSecond = 1'000'000'000;

AlertRule rule(const char* text)
{
    std::string error;
    const auto parsed = parseAlertRule(text, error);
    if (!parsed)
        qFatal("%s", error.c_str());
    return *parsed;
}

struct RecordingListener final : AlertListener {
    std::vector<AlertEvent> events;
    void onAlertEvent(const AlertEvent& event) override { events.push_back(event); }
};

} // namespace

class TestProcessingStage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void publishesPerChannelStatisticsForEveryWindowOnTick()
    {
        ProcessingOptions options;
        options.windows = {kSecond, 10 * kSecond};
        ProcessingStage stage(options);
        stage.channelAdded(0, {"udp", "a", ""});
        stage.channelAdded(1, {"udp", "b", ""});
        std::vector<ChannelSample> batch;
        for (int i = 0; i < 20; ++i) // 20 samples of a, 0.5 s apart; b once
            batch.push_back({i * kSecond / 2, static_cast<double>(i), 0});
        batch.push_back({3 * kSecond, 42.0, 1});
        stage.process(batch);
        QCOMPARE(stage.snapshot().channels.size(), 0u); // nothing published before a tick
        stage.tick(12 * kSecond);

        const ProcessingSnapshot snapshot = stage.snapshot();
        QCOMPARE(snapshot.clock_ns, 12 * kSecond);
        QCOMPARE(snapshot.windows, (std::vector<TimeNs>{kSecond, 10 * kSecond}));
        QCOMPARE(snapshot.channels.size(), 2u);
        const ChannelStatistics& a = snapshot.channels[0];
        QCOMPARE(a.info.name, std::string("a"));
        QCOMPARE(a.last, 19.0);
        QCOMPARE(a.last_time_ns, 19 * kSecond / 2);
        QCOMPARE(a.session.count, 20u);
        QCOMPARE(a.session.mean, 9.5);
        QCOMPARE(a.windows.size(), 2u);
        QCOMPARE(a.windows[0].summary.count, 2u); // (8.5 s, 9.5 s]: 9.0 and 9.5
        QCOMPARE(a.windows[0].summary.min, 18.0);
        QCOMPARE(a.windows[1].summary.count, 20u);
        QCOMPARE(a.windows[1].rate_hz, 2.0);
        QCOMPARE(snapshot.channels[1].session.count, 1u);
    }

    void rulesApplyToTheChannelsTheirGlobMatchesAndEventsReachListeners()
    {
        ProcessingOptions options;
        options.rules = {rule("fleet.*.temp > 30 clear < 28 critical"), rule("fleet.*.heartbeat stale 1s")};
        ProcessingStage stage(options);
        RecordingListener listener;
        stage.addAlertListener(&listener);
        stage.channelAdded(0, {"udp", "fleet.a.temp", ""});
        stage.channelAdded(1, {"udp", "fleet.b.temp", ""});
        stage.channelAdded(2, {"udp", "depot.temp", ""});
        stage.channelAdded(3, {"udp", "fleet.a.heartbeat", ""});
        const std::vector<ChannelSample> batch{
            {1 * kSecond, 35.0, 0}, {1 * kSecond, 25.0, 1}, {1 * kSecond, 99.0, 2}, {1 * kSecond, 1.0, 3}};
        stage.process(batch);
        stage.tick(3 * kSecond); // heartbeat quiet for 2 s

        QCOMPARE(listener.events.size(), 2u);
        const AlertEvent& hot = listener.events[0];
        QCOMPARE(hot.channel, ChannelIndex{0});
        QCOMPARE(hot.channel_name, std::string("fleet.a.temp"));
        QCOMPARE(hot.rule, std::string("fleet.*.temp > 30 clear < 28 critical"));
        QCOMPARE(hot.severity, AlertSeverity::Critical);
        QCOMPARE(hot.state, AlertState::Raised);
        QCOMPARE(hot.value, 35.0);
        QCOMPARE(listener.events[1].channel_name, std::string("fleet.a.heartbeat"));
        QCOMPARE(listener.events[1].time_ns, 2 * kSecond);
        QCOMPARE(stage.snapshot().active_alerts.size(), 2u);

        stage.process(std::vector<ChannelSample>{{4 * kSecond, 27.0, 0}, {4 * kSecond, 1.0, 3}});
        stage.tick(4 * kSecond);
        QCOMPARE(listener.events.size(), 4u);
        QCOMPARE(listener.events[2].state, AlertState::Cleared);
        QCOMPARE(listener.events[3].state, AlertState::Cleared);
        QCOMPARE(stage.snapshot().active_alerts.size(), 0u);
        QCOMPARE(stage.alertEvents().size(), 4u);
        QCOMPARE(stage.alertEvents(3).size(), 1u);
        QCOMPARE(stage.alertEvents(3).front().channel_name, std::string("fleet.a.heartbeat"));
    }

    void statisticsAndEventsDoNotDependOnBatchingOrTicks()
    {
        // What makes a replay reproduce the live session: the same samples in the same order give the
        // same numbers and events however the ring happened to batch them.
        std::vector<ChannelSample> samples;
        for (int i = 0; i < 5000; ++i)
            samples.push_back({i * kSecond / 1000, 25.0 + 10.0 * std::sin(i / 300.0) + (i % 7) * 0.01,
                               static_cast<ChannelIndex>(i % 2)});
        const auto run = [&](std::size_t batch_size, bool tick_often) {
            ProcessingOptions options;
            options.windows = {kSecond / 4, kSecond};
            options.rules = {rule("* > 30 clear < 28 for 20ms"), rule("* rate > 30/s info")};
            ProcessingStage stage(options);
            stage.channelAdded(0, {"s", "a", ""});
            stage.channelAdded(1, {"s", "b", ""});
            for (std::size_t first = 0; first < samples.size(); first += batch_size) {
                const std::size_t count = std::min(batch_size, samples.size() - first);
                stage.process(std::span<const ChannelSample>(samples).subspan(first, count));
                if (tick_often)
                    stage.tick(samples[first + count - 1].time_ns);
            }
            stage.finish();
            return std::make_pair(stage.snapshot(), stage.alertEvents());
        };
        const auto [one_by_one, events_a] = run(1, true);
        const auto [batched, events_b] = run(37, false);
        QVERIFY(events_a.size() >= 4);
        QCOMPARE(events_b.size(), events_a.size());
        for (std::size_t i = 0; i < events_a.size(); ++i) {
            QCOMPARE(events_b[i].time_ns, events_a[i].time_ns);
            QCOMPARE(events_b[i].rule, events_a[i].rule);
            QCOMPARE(events_b[i].state, events_a[i].state);
            QCOMPARE(events_b[i].value, events_a[i].value);
        }
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t w = 0; w < 2; ++w) {
                const StatisticsSummary& x = one_by_one.channels[c].windows[w].summary;
                const StatisticsSummary& y = batched.channels[c].windows[w].summary;
                QCOMPARE(y.count, x.count);
                QCOMPARE(y.min, x.min);
                QCOMPARE(y.max, x.max);
                QCOMPARE(y.mean, x.mean);
                QCOMPARE(y.std, x.std);
            }
    }

    void aSilenceNoTickSawIsRaisedAndClearedInSampleTime()
    {
        // Replay at full speed ticks rarely: the sample that ends a silence longer than the stale time
        // still yields the raise (at last sample + stale time) and then the clear, as a live tick would.
        ProcessingOptions options;
        options.rules = {rule("hb stale 300ms")};
        ProcessingStage stage(options);
        stage.channelAdded(0, {"udp", "hb", ""});
        stage.process(std::vector<ChannelSample>{{1 * kSecond, 1.0, 0}, {2 * kSecond, 2.0, 0},
                                                 {2 * kSecond + 200'000'000, 3.0, 0}});
        const auto events = stage.alertEvents();
        QCOMPARE(events.size(), 2u);
        QCOMPARE(events[0].state, AlertState::Raised);
        QCOMPARE(events[0].time_ns, 1 * kSecond + 300'000'000);
        QCOMPARE(events[0].value, 1.0);
        QCOMPARE(events[1].state, AlertState::Cleared);
        QCOMPARE(events[1].time_ns, 2 * kSecond);
        // A tick that saw it first gives the same two events, once.
        ProcessingStage ticked(options);
        ticked.channelAdded(0, {"udp", "hb", ""});
        ticked.process(std::vector<ChannelSample>{{1 * kSecond, 1.0, 0}});
        ticked.tick(1 * kSecond + 500'000'000);
        ticked.process(std::vector<ChannelSample>{{2 * kSecond, 2.0, 0}, {2 * kSecond + 200'000'000, 3.0, 0}});
        const auto ticked_events = ticked.alertEvents();
        QCOMPARE(ticked_events.size(), 2u);
        QCOMPARE(ticked_events[0].time_ns, events[0].time_ns);
        QCOMPARE(ticked_events[1].time_ns, events[1].time_ns);
    }

    void finishPublishesTheLastSamples()
    {
        ProcessingStage stage(ProcessingOptions{});
        stage.channelAdded(0, {"demo", "x", ""});
        stage.tick(kSecond);
        stage.process(std::vector<ChannelSample>{{kSecond, 5.0, 0}});
        stage.finish();
        QCOMPARE(stage.snapshot().channels.at(0).session.count, 1u);
        QCOMPARE(stage.snapshot().clock_ns, kSecond);
    }

    void replacedRulesTakeEffectAtTheNextTickAndClearTheOldRulesAlerts()
    {
        ProcessingOptions options;
        options.rules = {rule("temp > 30")};
        ProcessingStage stage(options);
        RecordingListener listener;
        stage.addAlertListener(&listener);
        stage.channelAdded(0, {"udp", "temp", ""});
        stage.process(std::vector<ChannelSample>{{kSecond, 35.0, 0}});
        stage.tick(kSecond);
        QCOMPARE(stage.snapshot().active_alerts.size(), 1u);

        stage.replaceRules({rule("temp < 0 critical")});
        stage.process(std::vector<ChannelSample>{{2 * kSecond, 36.0, 0}}); // old rules until the tick
        QCOMPARE(listener.events.size(), 1u);
        stage.tick(2 * kSecond);
        QCOMPARE(listener.events.size(), 2u);
        QCOMPARE(listener.events[1].state, AlertState::Cleared);
        QCOMPARE(listener.events[1].rule, std::string("temp > 30"));
        QCOMPARE(listener.events[1].value, 36.0);
        QCOMPARE(stage.snapshot().active_alerts.size(), 0u);

        stage.process(std::vector<ChannelSample>{{3 * kSecond, 50.0, 0}, {4 * kSecond, -1.0, 0}});
        stage.tick(4 * kSecond);
        QCOMPARE(listener.events.size(), 3u); // 50 no longer raises; -1 does, under the new rule
        QCOMPARE(listener.events[2].rule, std::string("temp < 0 critical"));
        QCOMPARE(listener.events[2].severity, AlertSeverity::Critical);
        QCOMPARE(stage.options().rules.size(), 1u);
    }
};

QTEST_GUILESS_MAIN(TestProcessingStage)
#include "test_processing_stage.moc"
