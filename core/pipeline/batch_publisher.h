#pragma once

#include "core/pipeline/sample_batch.h"
#include "core/pipeline/batch_queue.h"

#include <cstddef>

namespace streamscope {

class ChannelTable;

// The producer end of the ingest ring, shared by every source on the ingest thread. A source asks for a
// batch, fills it, and commits it. When the ring is full the source still gets a (scratch) batch to
// decode into, so that its decoder state stays right, and commit() reports the samples as dropped.
class BatchPublisher {
public:
    explicit BatchPublisher(BatchQueue& ring) : ring_(ring) {}

    [[nodiscard]] SampleBatch& begin(SourceId source);

    // Publishes the batch from begin() with the channel names `channels` has not announced yet.
    // Returns the number of samples dropped: 0 when published, the batch's size when the ring was full.
    [[nodiscard]] std::size_t commit(ChannelTable& channels);

    // Whether begin() would get a ring batch now rather than the scratch one. Only a source that can wait
    // (an archive replay) asks; live sources publish regardless and count what the full ring drops.
    [[nodiscard]] bool hasRoom() const { return ring_.inFlight() < ring_.capacity(); }

private:
    BatchQueue& ring_;
    SampleBatch* current_ = nullptr;
    SampleBatch scratch_;
};

} // namespace streamscope
