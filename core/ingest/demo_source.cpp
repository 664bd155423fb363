#include "core/ingest/demo_source.h"

#include "core/pipeline/batch_publisher.h"

#include <cmath>
#include <numbers>

namespace streamscope {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr auto kTick = std::chrono::milliseconds(10);
constexpr double kHeartbeatPeriodS = 0.5;
} // namespace

DemoSource::DemoSource(SourceId id, boost::asio::io_context& context, DemoSourceOptions options)
    : Source(id, "demo"), options_(options), timer_(context), random_(options.seed)
{
    for (std::size_t i = 0; i < kChannelNames.size(); ++i)
        ids_[i] = *channels_.intern(kChannelNames[i]);
}

void DemoSource::start(BatchPublisher& publisher)
{
    publisher_ = &publisher;
    running_ = true;
    start_steady_ = std::chrono::steady_clock::now();
    start_time_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    scheduleTick();
}

void DemoSource::stop()
{
    running_ = false;
    timer_.cancel();
}

void DemoSource::scheduleTick()
{
    timer_.expires_after(kTick);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || !running_)
            return;
        generateUntil(std::chrono::steady_clock::now());
        scheduleTick();
    });
}

void DemoSource::generateUntil(std::chrono::steady_clock::time_point now)
{
    const double elapsed_s = std::chrono::duration<double>(now - start_steady_).count();
    const auto due = static_cast<std::uint64_t>(elapsed_s * options_.rate_hz);
    if (due <= next_index_)
        return;

    SampleBatch& batch = publisher_->begin(id());
    batch_ = &batch;
    const std::uint64_t first = next_index_;
    for (; next_index_ < due; ++next_index_) {
        const double t = static_cast<double>(next_index_) / options_.rate_hz;
        const TimeNs time_ns = start_time_ns_ + static_cast<TimeNs>(std::llround(t * 1e9));
        emitFastChannels(time_ns, t);
        emitHeartbeat(time_ns, t);
    }
    batch_ = nullptr;
    const std::size_t samples = batch.samples.size();
    const std::size_t dropped = publisher_->commit(channels_);
    SourceCounters::add(counters_.frames, due - first);
    SourceCounters::add(counters_.samples, samples);
    SourceCounters::add(counters_.ring_drops, dropped);
}

void DemoSource::emitFastChannels(TimeNs time_ns, double t)
{
    auto& samples = batch_->samples;
    // A slow random walk, pulled back towards zero, drives both temperatures.
    drift_ += 0.002 * noise_(random_) - 0.0005 * drift_;
    const double inlet = 21.5 + 1.5 * std::sin(kTwoPi * t / 120.0) + drift_ + 0.03 * noise_(random_);
    samples.push_back({time_ns, inlet, ids_[0]});
    samples.push_back({time_ns, inlet + 6.0 + 0.5 * std::sin(kTwoPi * t / 45.0) + 0.03 * noise_(random_), ids_[1]});

    samples.push_back({time_ns,
                       0.8 * std::sin(kTwoPi * 7.0 * t) + 0.2 * std::sin(kTwoPi * 31.0 * t) + 0.05 * noise_(random_),
                       ids_[2]});
    samples.push_back({time_ns, 0.5 * std::cos(kTwoPi * 7.0 * t) + 0.05 * noise_(random_), ids_[3]});

    if (t >= next_pressure_step_s_) {
        static constexpr std::array<double, 4> kSetPoints = {1013.0, 1180.0, 1350.0, 1100.0};
        pressure_level_ = kSetPoints[std::uniform_int_distribution<std::size_t>(0, kSetPoints.size() - 1)(random_)];
        next_pressure_step_s_ = t + std::uniform_real_distribution<double>(4.0, 12.0)(random_);
    }
    samples.push_back({time_ns, pressure_level_ + 0.4 * noise_(random_), ids_[4]});
}

void DemoSource::emitHeartbeat(TimeNs time_ns, double t)
{
    if (t < next_heartbeat_s_ || t < pause_until_s_)
        return;
    next_heartbeat_s_ = t + kHeartbeatPeriodS;
    heartbeat_ += 1.0;
    batch_->samples.push_back({time_ns, heartbeat_, ids_[5]});
    // About once a minute the device "hangs" for 3 to 6 seconds.
    if (std::uniform_real_distribution<double>(0.0, 1.0)(random_) < kHeartbeatPeriodS / 60.0)
        pause_until_s_ = t + std::uniform_real_distribution<double>(3.0, 6.0)(random_);
}

} // namespace streamscope
