#pragma once

#include "core/pipeline/sample.h"

#include <cassert>
#include <cstdint>
#include <vector>

namespace streamscope {

// The samples of one channel that its longest window still holds, as two parallel arrays (times,
// values) on one power-of-two ring. A sample keeps its absolute position (0 for the first ever pushed)
// and lives in slot `position & mask`, so several windows can hold cursors into it and a lookup is one
// AND. Eviction reads only the times until it finds the cut, which is why they are stored apart from
// the values. Grows by doubling and never shrinks: no allocation once the longest window has filled.
class SampleRing {
public:
    // Positions of the samples held: [beginPosition(), endPosition()).
    [[nodiscard]] std::uint64_t beginPosition() const { return begin_; }
    [[nodiscard]] std::uint64_t endPosition() const { return end_; }

    [[nodiscard]] TimeNs timeAt(std::uint64_t position) const
    {
        assert(position >= begin_ && position < end_);
        return times_[position & mask_];
    }
    [[nodiscard]] double valueAt(std::uint64_t position) const
    {
        assert(position >= begin_ && position < end_);
        return values_[position & mask_];
    }
    // A hint to fetch the slots of `position` into cache; any position is safe (it wraps).
    void prefetch(std::uint64_t position) const
    {
        __builtin_prefetch(times_.data() + (position & mask_));
        __builtin_prefetch(values_.data() + (position & mask_));
    }

    void push_back(TimeNs time_ns, double value)
    {
        if (end_ - begin_ == times_.size())
            grow();
        times_[end_ & mask_] = time_ns;
        values_[end_ & mask_] = value;
        ++end_;
    }
    // Forgets every sample before `position`.
    void dropBefore(std::uint64_t position)
    {
        assert(position <= end_);
        if (position > begin_)
            begin_ = position;
    }

private:
    void grow()
    {
        const std::size_t capacity = times_.empty() ? 64 : times_.size() * 2;
        std::vector<TimeNs> times(capacity);
        std::vector<double> values(capacity);
        for (std::uint64_t p = begin_; p < end_; ++p) {
            times[p & (capacity - 1)] = times_[p & mask_];
            values[p & (capacity - 1)] = values_[p & mask_];
        }
        times_.swap(times);
        values_.swap(values);
        mask_ = capacity - 1;
    }

    std::vector<TimeNs> times_;
    std::vector<double> values_;
    std::uint64_t mask_ = 0;
    std::uint64_t begin_ = 0;
    std::uint64_t end_ = 0;
};

} // namespace streamscope
