#pragma once

#include "core/archive/chunk_buffer.h"
#include "core/pipeline/pipeline_stage.h"

#include <memory>
#include <mutex>
#include <vector>

namespace streamscope {

// A run of one channel's samples as columns, up to one chunk long: what RecorderStage gathers on the
// pipeline thread and hands, whole, to the recorder thread, which writes it without copying it again.
struct ColumnBlock {
    ColumnBlock(std::size_t capacity, std::size_t colour)
        : times(capacity, 2 * colour, ChunkBuffer<TimeNs>::Init::Uninitialised),
          values(capacity, 2 * colour + 1, ChunkBuffer<double>::Init::Uninitialised)
    {
    }
    ChunkBuffer<TimeNs> times;
    ChunkBuffer<double> values;
};

// The blocks passed between the pipeline thread and the recorder thread, reused: a block written to
// the file comes back here and is handed out again, most recently returned first (its pages are
// mapped and likely still cached). Blocks are only made when none is free, so their number is bounded
// by what can be out at once: one being filled per channel plus one per queue slot. Taking and
// returning happen once per block (a chunk of samples), so a mutex costs nothing measurable.
class ColumnBlockPool {
public:
    explicit ColumnBlockPool(std::size_t block_samples) : block_samples_(block_samples) {}

    [[nodiscard]] std::unique_ptr<ColumnBlock> take()
    {
        std::size_t colour = 0;
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                std::unique_ptr<ColumnBlock> block = std::move(free_.back());
                free_.pop_back();
                return block;
            }
            colour = made_++;
        }
        return std::make_unique<ColumnBlock>(block_samples_, colour);
    }

    void give(std::unique_ptr<ColumnBlock> block)
    {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(block));
    }

    [[nodiscard]] std::size_t blockSamples() const { return block_samples_; }
    // Blocks made so far (the pool's memory is this times blockSamples() * 16 bytes).
    [[nodiscard]] std::size_t blocksMade() const
    {
        std::lock_guard lock(mutex_);
        return made_;
    }

private:
    const std::size_t block_samples_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<ColumnBlock>> free_;
    std::size_t made_ = 0;
};

} // namespace streamscope
