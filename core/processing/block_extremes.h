#pragma once

#include "core/processing/extremes.h"
#include "core/processing/ring_deque.h"
#include "core/processing/sample_ring.h"

#include <algorithm>
#include <cstdint>

namespace streamscope {

// Sliding minimum and maximum for any number of windows that end at the newest sample of a
// SampleRing, kept per block of kBlockSize samples rather than per sample (van Herk / Gil-Werman
// style). Per sample only the running extremes of the block being filled change, without a branch;
// a per-sample monotonic deque pops a data-dependent number of entries, and those mispredicted
// branches were the largest single cost of the statistics. When a block completes, its extremes enter
// monotonic deques of blocks, so the deque work is amortised over the block.
//
// A window starting at `first` is then the fold of three parts: the rest of its first block (scanned,
// fewer than kBlockSize samples), the whole blocks after it (the first deque entry past that block,
// found by binary search, is their extreme), and the running extremes of the block being filled.
// Readers ask once per publication, not per sample, so the scan costs nothing on the hot path.
class BlockExtremes {
public:
    static constexpr unsigned kBlockShift = 5;
    static constexpr std::uint64_t kBlockSize = std::uint64_t{1} << kBlockShift;

    // The sample at `position` of the ring (positions come in order, one by one).
    void add(std::uint64_t position, double value)
    {
        filling_.add(value);
        if ((position & (kBlockSize - 1)) == kBlockSize - 1)
            closeBlock(position >> kBlockShift);
    }

    // Of the finite values at [first, ring.endPosition()).
    [[nodiscard]] Extremes over(std::uint64_t first, const SampleRing& ring) const
    {
        const std::uint64_t end = ring.endPosition();
        const std::uint64_t first_block = first >> kBlockShift;
        const std::uint64_t filling_block = end >> kBlockShift;
        Extremes result;
        const std::uint64_t scan_end = first_block == filling_block ? end : (first_block + 1) << kBlockShift;
        for (std::uint64_t p = first; p < scan_end; ++p)
            result.add(ring.valueAt(p));
        if (first_block == filling_block)
            return result;
        if (const Block* lowest = firstBlockAfter(minima_, first_block))
            result.min = std::min(result.min, lowest->value);
        if (const Block* highest = firstBlockAfter(maxima_, first_block))
            result.max = std::max(result.max, highest->value);
        result.add(filling_);
        return result;
    }

    // No window will start before `first` again: the blocks up to and including its block are done
    // with (a window's own first block is scanned, never taken from the deques).
    void dropBefore(std::uint64_t first)
    {
        const std::uint64_t first_block = first >> kBlockShift;
        while (!minima_.empty() && minima_.front().index <= first_block)
            minima_.pop_front();
        while (!maxima_.empty() && maxima_.front().index <= first_block)
            maxima_.pop_front();
    }

private:
    struct Block {
        std::uint64_t index = 0;
        double value = 0.0;
    };

    void closeBlock(std::uint64_t index)
    {
        if (!filling_.empty()) {
            // A block whose extreme a later block matches or beats can never again be a window's extreme.
            const double low = filling_.min;
            minima_.pop_back_while([low](const Block& b) { return b.value >= low; });
            minima_.push_back({index, low});
            const double high = filling_.max;
            maxima_.pop_back_while([high](const Block& b) { return b.value <= high; });
            maxima_.push_back({index, high});
        }
        filling_ = {};
    }

    // The first entry for a block after `index`: the extreme of all whole blocks after it.
    static const Block* firstBlockAfter(const RingDeque<Block>& deque, std::uint64_t index)
    {
        std::uint64_t low = deque.beginPosition();
        std::uint64_t high = deque.endPosition();
        while (low < high) {
            const std::uint64_t middle = low + (high - low) / 2;
            if (deque.at(middle).index <= index)
                low = middle + 1;
            else
                high = middle;
        }
        return low < deque.endPosition() ? &deque.at(low) : nullptr;
    }

    Extremes filling_;           // of the block being filled
    RingDeque<Block> minima_;    // whole blocks, increasing minima
    RingDeque<Block> maxima_;    // whole blocks, decreasing maxima
};

} // namespace streamscope
