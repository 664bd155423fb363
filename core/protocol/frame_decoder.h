#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/frame_layout.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace streamscope {

// Cuts binary frames of one layout out of bytes and turns their fields into samples (one channel per
// value field, named as declared). One instance serves one source: it keeps the partial frame between
// reads and caches the source's channel ids.
//
// Policies:
// - Sync framing hunts for the sync bytes; a candidate frame that fails (impossible length, checksum
//   mismatch) is counted once and the hunt resumes one byte after its start, so a good frame that
//   begins inside a bad one is never lost. Fragments of a counted bad frame are not counted again.
// - Bytes skipped while hunting that belong to no candidate frame count one `garbage` error per run.
// - COBS / SLIP: each delimited packet is one frame; empty packets (repeated delimiters) are ignored.
//   A packet longer than twice the largest frame is `oversized` and dropped up to the next delimiter.
// - Every read is bounds checked against the bytes at hand: a field is read only once the whole frame
//   (by its declared size or its length field) has arrived and its checksum matched.
class FrameDecoder {
public:
    FrameDecoder(FrameLayout layout, Framing framing);

    // Bytes of a stream (a serial line): a frame may arrive in pieces over several calls.
    // Returns the number of good frames decoded.
    std::uint64_t feedStream(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out);
    // One datagram holding one or more whole frames; nothing carries over to the next datagram.
    std::uint64_t feedDatagram(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out);
    // The stream broke off (device gone): good frames still buffered are decoded, and a partial frame
    // is counted as truncated. The next feedStream() starts afresh.
    std::uint64_t endStream(TimeNs receive_time_ns, DecodeOutput& out);

    [[nodiscard]] const FrameLayout& layout() const { return layout_; }
    [[nodiscard]] Framing framing() const { return framing_; }
    // Bytes held back waiting for the rest of a frame.
    [[nodiscard]] std::size_t pendingBytes() const { return pending_.size() + packet_.size(); }

private:
    std::size_t scan(const std::uint8_t* data, std::size_t size, bool final, TimeNs receive_time_ns,
                     DecodeOutput& out, std::uint64_t& frames);
    [[nodiscard]] std::size_t findSync(const std::uint8_t* data, std::size_t from, std::size_t size) const;
    [[nodiscard]] bool checksumMatches(const std::uint8_t* frame, std::size_t size) const;
    void emitFrame(const std::uint8_t* frame, TimeNs receive_time_ns, DecodeOutput& out);
    void resolveChannels(DecodeOutput& out);

    void feedDelimited(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out,
                       std::uint64_t& frames);
    void finishPacket(TimeNs receive_time_ns, DecodeOutput& out, std::uint64_t& frames);
    [[nodiscard]] bool unescapePacket(DecodeOutput& out);
    void decodePacket(std::span<const std::uint8_t> packet, TimeNs receive_time_ns, DecodeOutput& out,
                      std::uint64_t& frames);
    void resetStreamState();

    FrameLayout layout_;
    Framing framing_;
    std::vector<std::int64_t> ids_; // per value field; -1 when the channel table refused the name
    bool ids_resolved_ = false;

    std::vector<std::uint8_t> pending_; // sync framing: the start of a frame not yet complete
    std::size_t quiet_bytes_ = 0;       // bytes at the start of pending_ that belong to a counted bad frame
    bool skipping_ = false;             // inside a run of garbage already counted

    std::vector<std::uint8_t> packet_;  // COBS / SLIP: the packet being collected, still encoded
    std::vector<std::uint8_t> decoded_;
    bool packet_overflow_ = false;
};

} // namespace streamscope
