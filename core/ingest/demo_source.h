#pragma once

#include "core/ingest/source.h"
#include "core/protocol/channel_table.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <random>

namespace streamscope {

struct DemoSourceOptions {
    double rate_hz = 1000.0;       // samples per second of each fast channel
    std::uint32_t seed = 20261125; // same seed, same stream
};

// A built-in stand-in for a test rig: two temperatures drifting slowly, two vibration axes (sines plus
// noise), a pressure that steps between set points, and a heartbeat counter that now and then goes
// quiet for a few seconds — enough to exercise plots, statistics and stale alerts without hardware.
// Samples are generated on a 10 ms tick with exact, evenly spaced timestamps.
class DemoSource final : public Source {
public:
    DemoSource(SourceId id, boost::asio::io_context& context, DemoSourceOptions options = {});

    void start(BatchPublisher& publisher) override;
    void stop() override;

    static constexpr std::array<const char*, 6> kChannelNames = {
        "temperature.inlet", "temperature.outlet", "vibration.x", "vibration.y", "pressure", "heartbeat"};

private:
    void scheduleTick();
    void generateUntil(std::chrono::steady_clock::time_point now);
    void emitFastChannels(TimeNs time_ns, double t_seconds);
    void emitHeartbeat(TimeNs time_ns, double t_seconds);

    DemoSourceOptions options_;
    boost::asio::steady_timer timer_;
    BatchPublisher* publisher_ = nullptr;
    SampleBatch* batch_ = nullptr;
    ChannelTable channels_;
    std::array<LocalChannelId, kChannelNames.size()> ids_{};
    std::mt19937 random_;
    std::normal_distribution<double> noise_{0.0, 1.0};

    std::chrono::steady_clock::time_point start_steady_;
    TimeNs start_time_ns_ = 0;
    std::uint64_t next_index_ = 0;
    bool running_ = false;

    double drift_ = 0.0;
    double pressure_level_ = 1013.0;
    double next_pressure_step_s_ = 5.0;
    double heartbeat_ = 0.0;
    double next_heartbeat_s_ = 0.0;
    double pause_until_s_ = -1.0;
};

} // namespace streamscope
