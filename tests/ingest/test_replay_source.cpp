// Replaying a real archive through the real engine: every sample arrives as stored, pacing follows the
// replay clock, and pause, seek, loop and the speed limits behave as a timeline needs.
#include "core/archive/archive_writer.h"
#include "core/engine.h"
#include "core/ingest/replay_source.h"
#include "core/session/session_engine_setup.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <mutex>
#include <thread>

using namespace streamscope;

namespace {

constexpr TimeNs kT0 = 1'795'595'632'000'000'000; // 2026-11-25T08:33:52Z
constexpr TimeNs kMs = 1'000'000;
constexpr TimeNs kSpan = 10'000 * kMs; // the archive holds 10 s

class CollectingStage final : public PipelineStage {
public:
    void channelAdded(ChannelIndex, const ChannelInfo& info) override { names.push_back(info.name); }
    void process(std::span<const ChannelSample> batch) override { samples.insert(samples.end(), batch.begin(), batch.end()); }
    void tick(TimeNs now_ns) override { last_tick = now_ns; }

    std::vector<std::string> names;
    std::vector<ChannelSample> samples;
    TimeNs last_tick = 0;
};

struct Published {
    TimeNs position;
    TimeNs last_sample;
};

// Runs a ReplaySource of `path` on an engine with a collecting stage.
class ReplayRig {
public:
    ReplayRig(const std::string& path, ReplaySourceOptions options, std::size_t ring_batches = 4096)
        : engine_(EngineOptions{ring_batches, 1000})
    {
        options.on_publish = [this](TimeNs position, TimeNs last) {
            std::lock_guard lock(mutex_);
            published_.push_back({position, last});
        };
        replay = &addReplaySource(engine_, path, options);
        stage = &engine_.addStage(std::make_unique<CollectingStage>());
    }

    void start() { engine_.start(); }
    bool waitFinished(std::chrono::seconds limit = std::chrono::seconds(60))
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!replay->finished() || engine_.pipeline().samplesProcessed() < replay->samplesPublished()) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30)); // a pipeline tick with the end clock
        return true;
    }
    void stop() { engine_.stop(); }
    std::vector<Published> published()
    {
        std::lock_guard lock(mutex_);
        return published_;
    }
    const Engine& engine() const { return engine_; }

    ReplaySource* replay = nullptr;
    CollectingStage* stage = nullptr;

private:
    Engine engine_;
    std::mutex mutex_;
    std::vector<Published> published_;
};

} // namespace

class TestReplaySource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("run.h5")).toStdString();
        auto writer = ArchiveWriter::create(path_, {});
        writer->addChannel(0, {"udp", "fast", "V"});
        writer->addChannel(1, {"udp", "slow", ""});
        for (TimeNs t = 0; t < kSpan; t += 10 * kMs)
            writer->append(0, kT0 + t, static_cast<double>(t / kMs) * 0.5);
        for (TimeNs t = 0; t < kSpan; t += 20 * kMs)
            writer->append(1, kT0 + t + 1, -static_cast<double>(t / kMs));
        writer->close(kT0 + kSpan, 0);
    }

    void asFastAsPossiblePublishesEverySampleAsStoredWithoutDrops()
    {
        ReplaySourceOptions options;
        options.max_speed = true;
        options.batch_samples = 64;
        ReplayRig rig(path_, options, 4); // a tiny ring: the replay must wait for it, never drop
        rig.start();
        QVERIFY(rig.waitFinished());
        rig.stop();
        QCOMPARE(rig.stage->names, (std::vector<std::string>{"fast", "slow"}));
        QCOMPARE(rig.stage->samples.size(), std::size_t(1500));
        QCOMPARE(rig.engine().sourceStatus().front().ring_drops, std::uint64_t(0));
        std::size_t fast = 0;
        std::size_t slow = 0;
        for (const ChannelSample& s : rig.stage->samples) {
            if (s.channel == 0) {
                const TimeNs t = static_cast<TimeNs>(fast++) * 10 * kMs;
                QCOMPARE(s.time_ns, kT0 + t);
                QCOMPARE(s.value, static_cast<double>(t / kMs) * 0.5); // stored values, no conversion
            } else {
                const TimeNs t = static_cast<TimeNs>(slow++) * 20 * kMs;
                QCOMPARE(s.time_ns, kT0 + t + 1);
            }
        }
        // The pipeline's clock ends at the archive's stop time, as the live wall clock did.
        QCOMPARE(rig.stage->last_tick, kT0 + kSpan);
        QCOMPARE(rig.replay->pipelineClock(), kT0 + kSpan);
    }

    void pacingFollowsTheReplayClock_data()
    {
        QTest::addColumn<double>("speed");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("10x") << 10.0;
    }

    void pacingFollowsTheReplayClock()
    {
        // Each sample goes out once the replay clock reaches its time, and no later than 2% of the 10 s
        // of archive time behind it.
        QFETCH(double, speed);
        ReplaySourceOptions options;
        options.speed = speed;
        ReplayRig rig(path_, options);
        rig.start();
        QVERIFY(rig.waitFinished());
        rig.stop();
        const auto published = rig.published();
        QVERIFY(published.size() > 10);
        TimeNs worst_lag = 0;
        for (const Published& p : published) {
            QVERIFY2(p.last_sample <= p.position, "published before the replay clock reached it");
            worst_lag = std::max(worst_lag, p.position - p.last_sample);
        }
        qInfo("worst lag behind the replay clock at %gx: %.2f ms of archive time (%.3f%% of 10 s)", speed,
              static_cast<double>(worst_lag) / 1e6, 100.0 * static_cast<double>(worst_lag) / static_cast<double>(kSpan));
        QVERIFY(worst_lag <= kSpan / 50);
        QCOMPARE(rig.stage->samples.size(), std::size_t(1500));
    }

    void pauseHoldsTheClockAndThePublishing()
    {
        ReplaySourceOptions options;
        options.speed = 10.0;
        ReplayRig rig(path_, options);
        rig.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        rig.replay->pause();
        QVERIFY(rig.replay->paused());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const TimeNs position = rig.replay->position();
        const std::uint64_t published = rig.replay->samplesPublished();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QCOMPARE(rig.replay->position(), position);
        QCOMPARE(rig.replay->samplesPublished(), published);
        QVERIFY(published < 1500);
        QVERIFY2(position > kT0 && position < kT0 + kSpan, qPrintable(QString::number(position - kT0)));
        rig.replay->resume();
        QVERIFY(rig.waitFinished());
        rig.stop();
        QCOMPARE(rig.stage->samples.size(), std::size_t(1500));
    }

    void aTimelineStartsPausedAtTheStartAndSwitchesToMaxSpeedWhilePlaying()
    {
        ReplaySourceOptions options;
        options.speed = 0.1; // 100 s for the archive's 10 s
        options.paused = true;
        ReplayRig rig(path_, options);
        rig.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QVERIFY(rig.replay->paused());
        QCOMPARE(rig.replay->position(), rig.replay->rangeStart());
        QCOMPARE(rig.replay->samplesPublished(), std::uint64_t(0));
        rig.replay->resume();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QVERIFY(!rig.replay->maxSpeed());
        rig.replay->setMaxSpeed();
        QVERIFY(rig.replay->maxSpeed());
        QVERIFY(rig.waitFinished(std::chrono::seconds(20)));
        rig.stop();
        QCOMPARE(rig.stage->samples.size(), std::size_t(1500));
        rig.replay->setSpeed(2.0);
        QVERIFY(!rig.replay->maxSpeed());
    }

    void pausedBeforeStartHoldsTheRangeStart()
    {
        ReplaySourceOptions options;
        options.speed = 0.1;
        ReplayRig rig(path_, options);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        QCOMPARE(rig.replay->position(), rig.replay->rangeStart()); // the clock has not started
        rig.replay->pause();
        rig.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QVERIFY(rig.replay->paused());
        QCOMPARE(rig.replay->position(), rig.replay->rangeStart());
        QCOMPARE(rig.replay->samplesPublished(), std::uint64_t(0));
        rig.replay->resume();
        QTRY_VERIFY(rig.replay->position() > rig.replay->rangeStart());
        QVERIFY(rig.replay->position() < rig.replay->rangeEnd());
        rig.stop();
    }

    void seekContinuesFromTheGivenTime()
    {
        ReplaySourceOptions options;
        options.speed = 10.0;
        ReplayRig rig(path_, options);
        rig.replay->pause();
        rig.replay->seek(kT0 + 8'000 * kMs);
        rig.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(rig.replay->samplesPublished(), std::uint64_t(0)); // still paused
        QCOMPARE(rig.replay->position(), kT0 + 8'000 * kMs);
        rig.replay->resume();
        QVERIFY(rig.waitFinished());
        rig.stop();
        QCOMPARE(rig.stage->samples.size(), std::size_t(300)); // the last 2 s: 200 fast, 100 slow
        QCOMPARE(rig.stage->samples.front().time_ns, kT0 + 8'000 * kMs);
    }

    void loopStartsOverAtTheRangeStart()
    {
        ReplaySourceOptions options;
        options.max_speed = true;
        options.loop = true;
        options.selection.channel_globs = {"slow"};
        ReplayRig rig(path_, options);
        rig.start();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (rig.replay->samplesPublished() < 1200 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        rig.stop();
        QVERIFY(!rig.replay->finished());
        QVERIFY(rig.stage->samples.size() >= 1200); // two rounds of 500 and more
        QCOMPARE(rig.stage->samples[500].time_ns, kT0 + 1); // the second round starts over
    }

    void aSpeedOutsideTheLimitsIsRefusedWithTheValue()
    {
        boost::asio::io_context context;
        ReplaySourceOptions options;
        options.speed = 2000.0;
        try {
            ReplaySource source(0, context, path_, options);
            QFAIL("expected std::invalid_argument");
        } catch (const std::invalid_argument& error) {
            QVERIFY(std::string(error.what()).find("2000") != std::string::npos);
        }
        options.speed = 1.0;
        ReplaySource source(0, context, path_, options);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, source.setSpeed(0.05));
        source.setSpeed(1000.0);
    }

private:
    QTemporaryDir dir_;
    std::string path_;
};

QTEST_GUILESS_MAIN(TestReplaySource)
#include "test_replay_source.moc"
