#pragma once

#include "core/pipeline/sample_batch.h"
#include "core/pipeline/spsc_ring.h"

#include <cassert>
#include <cstddef>
#include <memory>
#include <vector>

namespace streamscope {

// The ingest ring: up to `capacity` batches in flight from the one producer (the ingest thread) to the
// one consumer (the pipeline thread), lock-free, never blocking the producer.
//
// Batches are pooled rather than fixed slots of a ring. The consumer hands each batch it is done with
// back through a second ring, and the producer refills those first; it creates a new batch only when
// none has come back yet, up to `capacity`. So the batches in use are the few that the backlog needs,
// whose vectors have already grown and whose pages the kernel has already mapped. A ring of fixed slots
// would instead cycle through every slot and first-touch (page-fault) fresh memory on the hot path until
// all `capacity` slots had grown.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t capacity) : capacity_(capacity), published_(capacity), returned_(capacity)
    {
        assert(capacity >= 1);
        pool_.reserve(capacity);
    }

    BatchQueue(const BatchQueue&) = delete;
    BatchQueue& operator=(const BatchQueue&) = delete;

    // Producer: an empty-or-stale batch to fill (it keeps whatever it held before); nullptr when
    // `capacity` batches are in flight. Until commitWrite(), the same batch is returned again.
    [[nodiscard]] SampleBatch* beginWrite()
    {
        if (writing_ != nullptr)
            return writing_;
        if (SampleBatch** returned = returned_.front()) {
            writing_ = *returned;
            returned_.pop();
        } else if (pool_.size() < capacity_) {
            pool_.push_back(std::make_unique<SampleBatch>()); // warm-up or a growing backlog only
            writing_ = pool_.back().get();
        }
        return writing_;
    }

    // Producer: publishes the batch from the last successful beginWrite().
    void commitWrite() noexcept
    {
        assert(writing_ != nullptr && "commitWrite() without a batch from beginWrite()");
        // Cannot fail: at most `capacity` batches exist.
        [[maybe_unused]] const bool pushed = published_.tryPush(writing_);
        assert(pushed);
        writing_ = nullptr;
    }

    // Consumer: the oldest published batch; nullptr when there is none.
    [[nodiscard]] SampleBatch* front() noexcept
    {
        SampleBatch** published = published_.front();
        return published != nullptr ? *published : nullptr;
    }

    // Consumer: done with front(); the batch goes back to the producer.
    void pop() noexcept
    {
        SampleBatch** published = published_.front();
        assert(published != nullptr && "pop() without a batch");
        SampleBatch* batch = *published;
        published_.pop();
        [[maybe_unused]] const bool returned = returned_.tryPush(batch);
        assert(returned);
    }

    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
    // Producer: batches published and not yet handed back, counting one the consumer is handing back
    // right now, so never less than the truth: beginWrite() succeeds while this is below capacity().
    [[nodiscard]] std::size_t inFlight() const noexcept
    {
        return pool_.size() - returned_.sizeApprox() - (writing_ != nullptr ? 1 : 0);
    }

private:
    const std::size_t capacity_;
    SpscRing<SampleBatch*> published_; // producer -> consumer
    SpscRing<SampleBatch*> returned_;  // consumer -> producer
    // Producer-owned: every batch ever created (they live as long as the queue) and the one being filled.
    std::vector<std::unique_ptr<SampleBatch>> pool_;
    SampleBatch* writing_ = nullptr;
};

} // namespace streamscope
