#pragma once

#include "core/pipeline/channel_metadata.h"
#include "core/pipeline/channel_store.h"
#include "core/pipeline/pipeline_stage.h"
#include "core/pipeline/sample_batch.h"
#include "core/pipeline/batch_queue.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace streamscope {

// The consumer of the ingest ring. On its own thread it maps each source's local channel ids to global
// channels (the channel registry) and applies every batch to the channel store. Later stages (rolling
// statistics, alerts, the recorder queue) hang off the same loop, so everything sees one order.
class Pipeline {
public:
    Pipeline(BatchQueue& ring, ChannelStore& store);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Before start(): the user-facing name of each source id, used as the channels' source.
    void registerSource(SourceId source, std::string name);
    // Before start(): a stage that sees every sample after the store (not owned).
    void addStage(PipelineStage* stage);
    // Before start(): the clock passed to stages' tick(); the wall clock unless replaying.
    void setClock(std::function<TimeNs()> clock);
    // Before start(): unit, display name and scale/offset of the channels with these exact names (on
    // any source). Values are converted here, so the store and every stage see engineering units.
    void setChannelMetadata(const std::vector<ChannelMetadata>& channels);
    // After stop() (or between drainOnce() calls): the described names no channel had, sorted. A name
    // misspelt in the session would otherwise leave that channel raw without a word.
    [[nodiscard]] std::vector<std::string> unusedChannelMetadata() const;

    void start();
    // Stops after draining everything already in the ring (call after the producer has stopped).
    void stop();

    // Processes whatever is in the ring now, on the calling thread. For tests and single-threaded
    // tools; never call while the pipeline thread runs.
    std::size_t drainOnce();

    [[nodiscard]] std::uint64_t samplesProcessed() const { return samples_.load(std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t batchesProcessed() const { return batches_.load(std::memory_order_relaxed); }

private:
    void run();
    void apply(const SampleBatch& batch);

    void tickStages(TimeNs now);

    BatchQueue& ring_;
    ChannelStore& store_;
    std::vector<PipelineStage*> stages_;
    std::function<TimeNs()> clock_;
    std::vector<ChannelSample> resolved_; // the current batch with global channels; reused
    std::int64_t last_tick_steady_ns_ = 0;
    std::unordered_map<SourceId, std::string> source_names_;
    // registry_[source][local id] = global channel
    std::unordered_map<SourceId, std::vector<ChannelIndex>> registry_;
    std::unordered_map<std::string, ChannelMetadata> metadata_; // by channel name
    std::unordered_set<std::string> metadata_used_;
    std::vector<LinearConversion> conversions_;                 // by global channel
    std::atomic<bool> running_{false};
    std::atomic<std::uint64_t> samples_{0};
    std::atomic<std::uint64_t> batches_{0};
    std::uint64_t unknown_channel_samples_ = 0;
    std::thread thread_;
};

} // namespace streamscope
