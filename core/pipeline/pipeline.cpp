#include "core/pipeline/pipeline.h"

#include <cassert>
#include <chrono>

namespace streamscope {

Pipeline::Pipeline(SpscRing<SampleBatch>& ring, ChannelStore& store) : ring_(ring), store_(store) {}

Pipeline::~Pipeline() { stop(); }

void Pipeline::registerSource(SourceId source, std::string name)
{
    source_names_[source] = std::move(name);
}

void Pipeline::start()
{
    if (thread_.joinable())
        return;
    running_.store(true, std::memory_order_release);
    thread_ = std::thread([this] { run(); });
}

void Pipeline::stop()
{
    if (!thread_.joinable())
        return;
    running_.store(false, std::memory_order_release);
    thread_.join();
}

void Pipeline::run()
{
    // Polling with a short sleep keeps the producer free of any wake-up call: the ingest thread only
    // ever does a release store. 0.5 ms of added latency is far below one 60 Hz frame.
    constexpr auto kIdleSleep = std::chrono::microseconds(500);
    for (;;) {
        const bool keep_running = running_.load(std::memory_order_acquire);
        if (drainOnce() == 0) {
            if (!keep_running)
                return; // stop() was called and the ring was empty after it: everything is applied
            std::this_thread::sleep_for(kIdleSleep);
        }
    }
}

std::size_t Pipeline::drainOnce()
{
    std::size_t drained = 0;
    while (SampleBatch* batch = ring_.front()) {
        apply(*batch);
        ring_.pop();
        ++drained;
    }
    return drained;
}

void Pipeline::apply(const SampleBatch& batch)
{
    auto& local_to_global = registry_[batch.source];
    for (const ChannelAnnouncement& announcement : batch.announcements) {
        if (announcement.id < local_to_global.size())
            continue; // announced again after an earlier batch carrying it was dropped
        assert(announcement.id == local_to_global.size());
        local_to_global.push_back(store_.addChannel({source_names_[batch.source], announcement.name, {}}));
    }

    {
        ChannelStore::Writer writer(store_);
        for (const Sample& sample : batch.samples) {
            if (sample.channel >= local_to_global.size()) {
                ++unknown_channel_samples_; // cannot happen: announcements precede use
                continue;
            }
            writer.add(local_to_global[sample.channel], sample.time_ns, sample.value);
        }
    }
    samples_.store(samples_.load(std::memory_order_relaxed) + batch.samples.size(), std::memory_order_relaxed);
    batches_.store(batches_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

} // namespace streamscope
