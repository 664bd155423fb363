#pragma once

#include <cstddef>
#include <memory>

namespace streamscope {

// Room for one chunk of one dataset's samples. Buffers start at different offsets within a page
// ("colour"): samples are stored into many buffers in turn (sample i of every channel), and buffers
// that all began on a page boundary would send those stores to the same few cache sets, where they
// evict each other.
template<typename T>
class ChunkBuffer {
public:
    enum class Init { Zeroed, Uninitialised };

    ChunkBuffer() = default;
    ChunkBuffer(std::size_t samples, std::size_t colour, Init init)
        : storage_(init == Init::Zeroed ? std::make_unique<T[]>(samples + kColours * kColourSamples)
                                        : std::make_unique_for_overwrite<T[]>(samples + kColours * kColourSamples)),
          data_(storage_.get() + (colour % kColours) * kColourSamples)
    {
    }
    [[nodiscard]] bool allocated() const { return data_ != nullptr; }
    [[nodiscard]] T* data() const { return data_; }
    T& operator[](std::size_t i) const { return data_[i]; }

private:
    static constexpr std::size_t kColours = 64; // cache lines in a 4 KiB page
    static constexpr std::size_t kColourSamples = 64 / sizeof(T);
    std::unique_ptr<T[]> storage_;
    T* data_ = nullptr;
};

} // namespace streamscope
