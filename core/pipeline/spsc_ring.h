#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace streamscope {

// A bounded, lock-free ring for exactly one producer thread and one consumer thread.
//
// Slots are constructed once and then reused in place: the producer fills the slot returned by
// beginWrite() and publishes it with commitWrite(); the consumer reads front() and releases it with
// pop(). A slot's heap buffers (a batch's vectors) therefore keep their capacity, and neither side
// allocates in steady state. A full ring never blocks: beginWrite() returns nullptr and the caller
// counts the drop.
template<typename T>
class SpscRing {
public:
    explicit SpscRing(std::size_t capacity)
        // One slot stays empty so that "full" and "empty" differ without a shared counter.
        : slot_count_(capacity + 1), slots_(std::make_unique<T[]>(capacity + 1))
    {
        assert(capacity >= 1);
    }

    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;

    // Producer: the next free slot, still holding whatever it held before; nullptr when full.
    [[nodiscard]] T* beginWrite() noexcept
    {
        const std::size_t write = write_index_.load(std::memory_order_relaxed);
        const std::size_t next = increment(write);
        if (next == cached_read_index_) {
            cached_read_index_ = read_index_.load(std::memory_order_acquire);
            if (next == cached_read_index_)
                return nullptr;
        }
        return &slots_[write];
    }

    // Producer: publishes the slot returned by the last successful beginWrite().
    void commitWrite() noexcept
    {
        const std::size_t write = write_index_.load(std::memory_order_relaxed);
        write_index_.store(increment(write), std::memory_order_release);
    }

    // Producer: copies or moves `value` into the next slot; false (and nothing written) when full.
    template<typename U>
    [[nodiscard]] bool tryPush(U&& value) noexcept(std::is_nothrow_assignable_v<T&, U&&>)
    {
        T* slot = beginWrite();
        if (slot == nullptr)
            return false;
        *slot = std::forward<U>(value);
        commitWrite();
        return true;
    }

    // Consumer: the oldest published slot; nullptr when empty.
    [[nodiscard]] T* front() noexcept
    {
        const std::size_t read = read_index_.load(std::memory_order_relaxed);
        if (read == cached_write_index_) {
            cached_write_index_ = write_index_.load(std::memory_order_acquire);
            if (read == cached_write_index_)
                return nullptr;
        }
        return &slots_[read];
    }

    // Consumer: hands the slot returned by front() back to the producer. Only valid after front()
    // returned a slot (which is also what refreshes the consumer's view of the producer's index).
    void pop() noexcept
    {
        const std::size_t read = read_index_.load(std::memory_order_relaxed);
        assert(read != cached_write_index_ && "pop() without a successful front()");
        read_index_.store(increment(read), std::memory_order_release);
    }

    [[nodiscard]] std::size_t capacity() const noexcept { return slot_count_ - 1; }

    // Exact only when called from one of the two sides while the other is idle.
    [[nodiscard]] std::size_t sizeApprox() const noexcept
    {
        const std::size_t write = write_index_.load(std::memory_order_acquire);
        const std::size_t read = read_index_.load(std::memory_order_acquire);
        return write >= read ? write - read : write + slot_count_ - read;
    }

private:
    [[nodiscard]] std::size_t increment(std::size_t index) const noexcept
    {
        return index + 1 == slot_count_ ? 0 : index + 1;
    }

    // 64 bytes covers x86-64 and most ARM cores; std::hardware_destructive_interference_size would
    // make the layout depend on compiler flags (GCC warns about exactly that).
    static constexpr std::size_t kCacheLine = 64;

    const std::size_t slot_count_;
    const std::unique_ptr<T[]> slots_;

    // Each index sits on its own cache line next to the owning side's cached copy of the other index,
    // so that in steady state each side reads the other's line only when its cached copy runs out.
    alignas(kCacheLine) std::atomic<std::size_t> write_index_{0};
    std::size_t cached_read_index_ = 0;   // producer-owned
    alignas(kCacheLine) std::atomic<std::size_t> read_index_{0};
    std::size_t cached_write_index_ = 0;  // consumer-owned

    static_assert(std::atomic<std::size_t>::is_always_lock_free);
};

} // namespace streamscope
