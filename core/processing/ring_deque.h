#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace streamscope {

// A double-ended queue on one power-of-two ring buffer whose elements keep an absolute position
// (0 for the first ever pushed, counting up), so that several readers can hold positions into it.
// Unlike std::deque it never frees or allocates once it has grown to the working size of a window, so
// the pipeline thread stops allocating after warm-up (growth doubles, so pushes stay amortised O(1)).
template<typename T>
class RingDeque {
public:
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] std::size_t size() const { return size_; }
    // Positions of the elements held: [beginPosition(), endPosition()).
    [[nodiscard]] std::uint64_t beginPosition() const { return first_; }
    [[nodiscard]] std::uint64_t endPosition() const { return first_ + size_; }

    [[nodiscard]] const T& at(std::uint64_t position) const
    {
        assert(position >= first_ && position < first_ + size_);
        return buffer_[(head_ + (position - first_)) & mask_];
    }
    [[nodiscard]] const T& front() const { return at(first_); }
    [[nodiscard]] const T& back() const { return at(first_ + size_ - 1); }

    void push_back(const T& value)
    {
        if (size_ == buffer_.size())
            grow();
        buffer_[(head_ + size_) & mask_] = value;
        ++size_;
    }
    // Pops from the back while `pred(back())` holds. Keeps the size in a register for the loop: the
    // monotonic deques of block extremes spend most of their time here.
    template<typename Pred>
    void pop_back_while(Pred pred)
    {
        std::size_t size = size_;
        while (size > 0 && pred(buffer_[(head_ + size - 1) & mask_]))
            --size;
        size_ = size;
    }
    void pop_front()
    {
        assert(size_ > 0);
        head_ = (head_ + 1) & mask_;
        ++first_;
        --size_;
    }
    void pop_back()
    {
        assert(size_ > 0);
        --size_;
    }

private:
    void grow()
    {
        const std::size_t capacity = buffer_.empty() ? 16 : buffer_.size() * 2;
        std::vector<T> larger(capacity);
        for (std::size_t i = 0; i < size_; ++i)
            larger[i] = buffer_[(head_ + i) & mask_];
        buffer_.swap(larger);
        head_ = 0;
        mask_ = capacity - 1;
    }

    std::vector<T> buffer_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
    std::size_t mask_ = 0;
    std::uint64_t first_ = 0;
};

} // namespace streamscope
