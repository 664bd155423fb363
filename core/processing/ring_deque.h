#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

namespace streamscope {

// A double-ended queue on one power-of-two ring buffer. Unlike std::deque it never frees or allocates
// once it has grown to the working size of a window, so the pipeline thread stops allocating after
// warm-up (growth doubles, so pushes stay amortised O(1)).
template<typename T>
class RingDeque {
public:
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] std::size_t size() const { return size_; }

    [[nodiscard]] T& front() { assert(size_ > 0); return buffer_[head_]; }
    [[nodiscard]] const T& front() const { assert(size_ > 0); return buffer_[head_]; }
    [[nodiscard]] T& back() { assert(size_ > 0); return buffer_[(head_ + size_ - 1) & mask_]; }
    [[nodiscard]] const T& back() const { assert(size_ > 0); return buffer_[(head_ + size_ - 1) & mask_]; }

    void push_back(const T& value)
    {
        if (size_ == buffer_.size())
            grow();
        buffer_[(head_ + size_) & mask_] = value;
        ++size_;
    }
    void pop_front()
    {
        assert(size_ > 0);
        head_ = (head_ + 1) & mask_;
        --size_;
    }
    void pop_back()
    {
        assert(size_ > 0);
        --size_;
    }
    void clear()
    {
        head_ = 0;
        size_ = 0;
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
};

} // namespace streamscope
