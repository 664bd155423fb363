#pragma once

#include "core/ingest/demo_source.h"
#include "core/ingest/ingest_thread.h"
#include "core/ingest/serial_source.h"
#include "core/ingest/udp_source.h"
#include "core/pipeline/channel_store.h"
#include "core/pipeline/pipeline.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

struct EngineOptions {
    std::size_t ring_batches = 4096;
    std::size_t history_length = 1'000'000; // points kept per channel for display
};

// Counters of one source, copied out for display.
struct SourceStatus {
    std::string name;
    std::uint64_t datagrams = 0;
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0;
    std::uint64_t samples = 0;
    std::uint64_t decode_errors = 0;
    std::uint64_t kernel_drops = 0;
    std::uint64_t ring_drops = 0;
    std::uint64_t over_channel_cap = 0; // samples of channel names past the source's cap (also decode errors)
    std::uint64_t rejected_senders = 0; // datagrams from senders outside --allow-from
    std::string last_error;
    std::vector<SourceGap> gaps; // serial devices: the times it was away
};

// The whole engine behind one object: the ingest thread with its sources, the pipeline thread and the
// channel store. The desktop app, the headless commands and the tests all drive it the same way:
// add sources, start(), read the store and the counters, stop().
class Engine {
public:
    explicit Engine(EngineOptions options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Opens the socket now, so that a busy port or a bad address is reported before anything runs.
    // Returns the error message, or nullopt on success. Call before start().
    [[nodiscard]] std::optional<std::string> addUdpSource(UdpSourceOptions options);
    void addDemoSource(DemoSourceOptions options = {});
    // Opens the device now: a missing device is waited for, a busy or forbidden one is an error.
    [[nodiscard]] std::optional<std::string> addSerialSource(SerialSourceOptions options);
    // Any other source, built on ingestContext() with id nextSourceId(). Call before start().
    void addSource(std::unique_ptr<Source> source);
    [[nodiscard]] boost::asio::io_context& ingestContext() { return ingest_.context(); }
    [[nodiscard]] SourceId nextSourceId() const { return static_cast<SourceId>(ingest_.sources().size()); }

    // A stage that sees every sample after the store, on the pipeline thread. Call before start().
    template<typename Stage>
    Stage& addStage(std::unique_ptr<Stage> stage)
    {
        Stage& added = *stage;
        pipeline_.addStage(stage.get());
        stages_.push_back(std::move(stage));
        return added;
    }

    // Unit, display name and scale/offset of channels by exact name (the session's "channels"), applied
    // in the pipeline before the store, statistics, alerts and the recorder. Call before start().
    void setChannelMetadata(const std::vector<ChannelMetadata>& channels)
    {
        pipeline_.setChannelMetadata(channels);
    }
    // After stop(): the described channel names that no source sent.
    [[nodiscard]] std::vector<std::string> unusedChannelMetadata() const
    {
        return pipeline_.unusedChannelMetadata();
    }

    // The clock the pipeline's stages tick with: the wall clock unless a replay drives it
    // (ReplaySource::clock()). Call before start().
    void setClock(std::function<TimeNs()> clock) { pipeline_.setClock(std::move(clock)); }

    void start();
    // Stops ingest, then lets the pipeline apply everything still in the ring. Idempotent.
    void stop();

    [[nodiscard]] const ChannelStore& store() const { return store_; }
    [[nodiscard]] const Pipeline& pipeline() const { return pipeline_; }
    [[nodiscard]] std::vector<SourceStatus> sourceStatus() const;
    // The local port of each UDP source, in the order added (useful when bound to port 0).
    [[nodiscard]] std::vector<std::uint16_t> udpPorts() const;

    [[nodiscard]] const std::vector<std::unique_ptr<Source>>& sources() const { return ingest_.sources(); }

private:
    ChannelStore store_;
    IngestThread ingest_;
    // Declared before the pipeline so that they outlive its thread.
    std::vector<std::unique_ptr<PipelineStage>> stages_;
    Pipeline pipeline_;
    bool started_ = false;
};

} // namespace streamscope
