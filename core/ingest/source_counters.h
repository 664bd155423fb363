#pragma once

#include "core/protocol/decode_errors.h"

#include <atomic>
#include <cstdint>

namespace streamscope {

// What one source has seen and lost. The ingest thread writes, anyone reads (relaxed: these are
// statistics, not synchronisation).
struct SourceCounters {
    std::atomic<std::uint64_t> datagrams{0};    // datagrams or reads
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<std::uint64_t> frames{0};       // lines or binary frames
    std::atomic<std::uint64_t> samples{0};      // samples decoded (published or dropped)
    std::atomic<std::uint64_t> kernel_drops{0}; // datagrams the kernel dropped (SO_RXQ_OVFL)
    std::atomic<std::uint64_t> ring_drops{0};   // samples lost because the ingest ring was full
    std::atomic<std::uint64_t> rejected_senders{0}; // datagrams from senders outside --allow-from
    DecodeErrorCounters errors;

    // Single-writer increment without a locked read-modify-write.
    static void add(std::atomic<std::uint64_t>& counter, std::uint64_t n)
    {
        counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    static std::uint64_t read(const std::atomic<std::uint64_t>& counter)
    {
        return counter.load(std::memory_order_relaxed);
    }
};

} // namespace streamscope
