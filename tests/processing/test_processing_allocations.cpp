// The pipeline thread's hot path must not allocate once the windows have filled: this binary counts
// every operator new.
#include "core/processing/alert_rule_parser.h"
#include "core/processing/processing_stage.h"

#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

namespace {
std::atomic<std::size_t> g_allocations{0};
}

void* operator new(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace streamscope;

class TestProcessingAllocations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withFullWindowsOnlyAlertEventsAllocate()
    {
        ProcessingOptions options;
        options.windows = {100'000'000, 1'000'000'000};
        std::string error;
        options.rules.push_back(*parseAlertRule("ch* > 0.5 clear < -0.5 for 5ms", error));
        options.rules.push_back(*parseAlertRule("ch* outside -0.9..0.9", error));
        ProcessingStage stage(options);
        for (ChannelIndex c = 0; c < 4; ++c)
            stage.channelAdded(c, {"test", "ch" + std::to_string(c), ""});

        // A pseudo-random walk at 1 kHz per channel; 3 s fill the windows and grow the rings.
        std::vector<ChannelSample> batch(1000);
        std::uint64_t state = 42;
        TimeNs t = 0;
        const auto fill = [&] {
            for (ChannelSample& s : batch) {
                state = state * 6364136223846793005ULL + 1442695040888963407ULL;
                s = {t, static_cast<double>(state >> 11) / 9007199254740992.0 * 2.0 - 1.0,
                     static_cast<ChannelIndex>(t / 250'000 % 4)};
                t += 250'000;
            }
        };
        for (int i = 0; i < 12; ++i) {
            fill();
            stage.process(batch);
        }
        const std::size_t events_before = stage.alertEvents().size();
        QVERIFY(events_before > 0); // the rules do fire: their evaluation is part of what is measured

        // Alert events carry strings by design (they are rare); anything beyond them would be per sample.
        std::size_t allocations = 0;
        for (int i = 0; i < 12; ++i) {
            fill();
            const std::size_t before = g_allocations.load();
            stage.process(batch);
            allocations += g_allocations.load() - before;
        }
        const std::size_t events = stage.alertEvents(events_before).size();
        QVERIFY(events > 0);
        // Per event: its rule text, copies into the event list and the active list, amortised growth.
        QVERIFY2(allocations <= events * 8,
                 qPrintable(QStringLiteral("%1 allocations for %2 events in 12000 samples").arg(allocations).arg(events)));
    }

    void quietChannelsAllocateNothingAtAll()
    {
        ProcessingOptions options;
        std::string error;
        options.rules.push_back(*parseAlertRule("* > 1e9", error));
        options.rules.push_back(*parseAlertRule("* stale 1h", error));
        ProcessingStage stage(options);
        stage.channelAdded(0, {"test", "x", ""});
        std::vector<ChannelSample> batch(1000);
        TimeNs t = 0;
        for (int round = 0; round < 200; ++round) { // 200 s at 1 kHz: the 60 s window is full
            for (ChannelSample& s : batch) {
                s = {t, static_cast<double>(t % 7'000'000) * 1e-6, 0};
                t += 1'000'000;
            }
            const std::size_t before = g_allocations.load();
            stage.process(batch);
            const std::size_t allocated = g_allocations.load() - before;
            if (round >= 100)
                QCOMPARE(allocated, 0u);
        }
    }
};

QTEST_GUILESS_MAIN(TestProcessingAllocations)
#include "test_processing_allocations.moc"
