#include "core/protocol/frame_decoder.h"

#include "core/protocol/frame_field_codec.h"
#include "core/protocol/packet_framing.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace streamscope {

namespace {

std::int64_t nanosecondsPer(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Seconds: return 1'000'000'000;
    case TimeUnit::Milliseconds: return 1'000'000;
    case TimeUnit::Microseconds: return 1'000;
    case TimeUnit::Nanoseconds: return 1;
    }
    return 1;
}

// The device time in ns, or nullopt when it does not fit the int64 ns range.
std::optional<TimeNs> deviceTime(const std::uint8_t* p, const FrameField& field, TimeUnit unit)
{
    const std::int64_t per = nanosecondsPer(unit);
    if (field.type == FieldType::F32 || field.type == FieldType::F64) {
        const double ns = readFieldValue(p, field.type, field.order) * static_cast<double>(per);
        if (!std::isfinite(ns) || std::fabs(ns) >= 9.2e18)
            return std::nullopt;
        return static_cast<TimeNs>(std::llround(ns));
    }
    std::int64_t ticks = 0;
    if (field.type == FieldType::U64) {
        const std::uint64_t raw = loadBytes<std::uint64_t>(p, field.order);
        if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        ticks = static_cast<std::int64_t>(raw);
    } else {
        ticks = static_cast<std::int64_t>(readFieldValue(p, field.type, field.order));
    }
    TimeNs ns = 0;
    if (__builtin_mul_overflow(ticks, per, &ns))
        return std::nullopt;
    return ns;
}

} // namespace

FrameDecoder::FrameDecoder(FrameLayout layout, Framing framing) : layout_(std::move(layout)), framing_(framing)
{
    pending_.reserve(2 * layout_.max_frame_bytes);
    if (framing_ != Framing::Sync) {
        packet_.reserve(2 * layout_.max_frame_bytes + 16);
        decoded_.reserve(2 * layout_.max_frame_bytes + 16);
    }
}

std::uint64_t FrameDecoder::feedStream(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns,
                                       DecodeOutput& out)
{
    std::uint64_t frames = 0;
    if (framing_ != Framing::Sync) {
        feedDelimited(bytes, receive_time_ns, out, frames);
        return frames;
    }
    if (pending_.empty()) {
        // The common case: decode straight from the caller's buffer and keep only the tail.
        const std::size_t consumed = scan(bytes.data(), bytes.size(), false, receive_time_ns, out, frames);
        pending_.assign(bytes.begin() + static_cast<std::ptrdiff_t>(consumed), bytes.end());
    } else {
        pending_.insert(pending_.end(), bytes.begin(), bytes.end());
        const std::size_t consumed = scan(pending_.data(), pending_.size(), false, receive_time_ns, out, frames);
        pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(consumed));
    }
    return frames;
}

std::uint64_t FrameDecoder::feedDatagram(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns,
                                         DecodeOutput& out)
{
    std::uint64_t frames = 0;
    resetStreamState();
    if (framing_ == Framing::Sync) {
        scan(bytes.data(), bytes.size(), true, receive_time_ns, out, frames);
    } else {
        feedDelimited(bytes, receive_time_ns, out, frames);
        finishPacket(receive_time_ns, out, frames); // the datagram's end ends its last packet
    }
    resetStreamState();
    return frames;
}

std::uint64_t FrameDecoder::endStream(TimeNs receive_time_ns, DecodeOutput& out)
{
    std::uint64_t frames = 0;
    if (framing_ == Framing::Sync) {
        if (!pending_.empty())
            scan(pending_.data(), pending_.size(), true, receive_time_ns, out, frames);
    } else if (!packet_.empty() && !packet_overflow_) {
        out.error(DecodeError::TruncatedFrame, "the stream ended inside a " + std::string(framingName(framing_))
                                                   + " packet of " + std::to_string(packet_.size()) + " bytes");
    }
    resetStreamState();
    return frames;
}

void FrameDecoder::resetStreamState()
{
    pending_.clear();
    quiet_bytes_ = 0;
    skipping_ = false;
    packet_.clear();
    packet_overflow_ = false;
}

std::size_t FrameDecoder::findSync(const std::uint8_t* data, std::size_t from, std::size_t size) const
{
    const std::size_t sync_size = layout_.sync.size();
    while (from < size) {
        const void* hit = std::memchr(data + from, layout_.sync[0], size - from);
        if (hit == nullptr)
            return size;
        from = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - data);
        // A match cut off by the end of the data counts as a match: the rest may come in the next read.
        const std::size_t available = std::min(sync_size, size - from);
        std::size_t matched = 1; // at most 4 bytes: a loop beats a call to memcmp
        while (matched < available && data[from + matched] == layout_.sync[matched])
            ++matched;
        if (matched == available)
            return from;
        ++from;
    }
    return size;
}

bool FrameDecoder::checksumMatches(const std::uint8_t* frame, std::size_t size) const
{
    const std::size_t crc_bytes = layout_.checksumBytes();
    if (crc_bytes == 0)
        return true;
    const std::size_t body = layout_.sync.size();
    const std::uint8_t* stored_at = frame + size - crc_bytes;
    const std::uint32_t computed = computeChecksum(layout_.checksum, {frame + body, size - crc_bytes - body});
    std::uint32_t stored = 0;
    switch (crc_bytes) {
    case 1: stored = stored_at[0]; break;
    case 2: stored = loadBytes<std::uint16_t>(stored_at, layout_.checksum_order); break;
    default: stored = loadBytes<std::uint32_t>(stored_at, layout_.checksum_order); break;
    }
    return computed == stored;
}

std::size_t FrameDecoder::scan(const std::uint8_t* data, std::size_t size, bool final, TimeNs receive_time_ns,
                               DecodeOutput& out, std::uint64_t& frames)
{
    const std::size_t sync_size = layout_.sync.size();
    // Bytes before `quiet_end` belong to a bad frame already counted; failures and skips inside it
    // are fragments of that one error.
    std::size_t quiet_end = std::min(quiet_bytes_, size);
    const auto reject = [&](std::size_t at, std::size_t span, DecodeError kind, const std::string& detail) {
        if (at >= quiet_end)
            out.error(kind, detail);
        quiet_end = std::max(quiet_end, at + span);
        skipping_ = false;
    };

    std::size_t pos = 0;
    while (pos < size) {
        if (sync_size > 0) {
            const std::size_t found = findSync(data, pos, size);
            const std::size_t garbage_from = std::max(pos, quiet_end);
            if (found > garbage_from) {
                if (!skipping_)
                    out.error(DecodeError::Garbage, std::to_string(found - garbage_from)
                                                        + " bytes that are not a frame skipped while hunting for sync");
                skipping_ = true;
            }
            pos = found;
            if (pos == size)
                break;
        }
        const std::size_t remaining = size - pos;
        std::size_t frame_size = layout_.declared_size;
        if (remaining >= layout_.headerSize() && layout_.length) {
            const FrameField& length = *layout_.length;
            const std::size_t value = readLength(data + pos + length.offset, length.type, length.order);
            frame_size = layout_.length_end + value + layout_.checksumBytes();
            if (value < layout_.minimumLengthValue() || frame_size > layout_.max_frame_bytes) {
                reject(pos, layout_.headerSize(), DecodeError::BadLength,
                       "length field " + std::to_string(value) + " is impossible for the layout (at least "
                           + std::to_string(layout_.minimumLengthValue()) + ", frame at most "
                           + std::to_string(layout_.max_frame_bytes) + " bytes)");
                ++pos;
                continue;
            }
        }
        if (remaining < layout_.headerSize() || remaining < frame_size) {
            if (!final)
                break;
            reject(pos, remaining, DecodeError::TruncatedFrame,
                   "frame cut off after " + std::to_string(remaining) + " of "
                       + std::to_string(std::max(frame_size, layout_.headerSize())) + " bytes");
            ++pos;
            continue;
        }
        if (!checksumMatches(data + pos, frame_size)) {
            reject(pos, frame_size, DecodeError::BadChecksum,
                   std::string(checksumName(layout_.checksum)) + " mismatch in a frame of "
                       + std::to_string(frame_size) + " bytes");
            ++pos;
            continue;
        }
        emitFrame(data + pos, receive_time_ns, out);
        ++frames;
        pos += frame_size;
        quiet_end = std::max(quiet_end, pos);
        skipping_ = false;
    }
    quiet_bytes_ = quiet_end > pos ? quiet_end - pos : 0;
    return pos;
}

void FrameDecoder::resolveChannels(DecodeOutput& out)
{
    ids_.clear();
    for (const FrameField& field : layout_.fields) {
        const auto id = out.channel(field.name);
        ids_.push_back(id ? static_cast<std::int64_t>(*id) : -1);
    }
    ids_resolved_ = true;
}

void FrameDecoder::emitFrame(const std::uint8_t* frame, TimeNs receive_time_ns, DecodeOutput& out)
{
    if (!ids_resolved_)
        resolveChannels(out);
    TimeNs time_ns = receive_time_ns;
    if (layout_.time) {
        if (const auto device = deviceTime(frame + layout_.time->offset, *layout_.time, layout_.time_unit))
            time_ns = *device;
        else
            out.error(DecodeError::BadTimestamp, "device time out of range; the receive time stands in");
    }
    const std::size_t count = layout_.fields.size();
    for (std::size_t k = 0; k < count; ++k) {
        if (ids_[k] < 0)
            continue;
        const FrameField& field = layout_.fields[k];
        const double raw = readFieldValue(frame + field.offset, field.type, field.order);
        out.add(static_cast<LocalChannelId>(ids_[k]), time_ns, raw * field.scale + field.add);
    }
}

void FrameDecoder::feedDelimited(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out,
                                 std::uint64_t& frames)
{
    const std::uint8_t delimiter = framing_ == Framing::Cobs ? 0x00 : kSlipEnd;
    const std::size_t max_packet = 2 * layout_.max_frame_bytes + 16;
    std::size_t i = 0;
    while (i < bytes.size()) {
        const void* hit = std::memchr(bytes.data() + i, delimiter, bytes.size() - i);
        const std::size_t end = hit ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - bytes.data())
                                    : bytes.size();
        if (!packet_overflow_) {
            if (packet_.size() + (end - i) > max_packet) {
                out.error(DecodeError::Oversized, "a " + std::string(framingName(framing_))
                                                      + " packet longer than " + std::to_string(max_packet)
                                                      + " bytes dropped up to the next delimiter");
                packet_overflow_ = true;
                packet_.clear();
            } else {
                packet_.insert(packet_.end(), bytes.begin() + static_cast<std::ptrdiff_t>(i),
                               bytes.begin() + static_cast<std::ptrdiff_t>(end));
            }
        }
        if (hit == nullptr)
            break;
        finishPacket(receive_time_ns, out, frames);
        i = end + 1;
    }
}

void FrameDecoder::finishPacket(TimeNs receive_time_ns, DecodeOutput& out, std::uint64_t& frames)
{
    const bool usable = !packet_overflow_ && !packet_.empty();
    if (usable && unescapePacket(out))
        decodePacket(decoded_, receive_time_ns, out, frames);
    packet_.clear();
    packet_overflow_ = false;
}

bool FrameDecoder::unescapePacket(DecodeOutput& out)
{
    const bool cobs = framing_ == Framing::Cobs;
    if (cobs ? decodeCobs(packet_, decoded_) : decodeSlip(packet_, decoded_))
        return true;
    out.error(DecodeError::BadSyntax, std::string("malformed ") + (cobs ? "COBS" : "SLIP") + " packet of "
                                          + std::to_string(packet_.size()) + " bytes");
    return false;
}

void FrameDecoder::decodePacket(std::span<const std::uint8_t> packet, TimeNs receive_time_ns, DecodeOutput& out,
                                std::uint64_t& frames)
{
    const std::size_t sync_size = layout_.sync.size();
    if (packet.size() < sync_size
        || (sync_size > 0 && std::memcmp(packet.data(), layout_.sync.data(), sync_size) != 0)) {
        out.error(DecodeError::BadSyntax, "packet does not start with the sync bytes");
        return;
    }
    std::size_t expected = layout_.declared_size;
    if (layout_.length && packet.size() >= layout_.headerSize()) {
        const FrameField& length = *layout_.length;
        const std::size_t value = readLength(packet.data() + length.offset, length.type, length.order);
        expected = layout_.length_end + value + layout_.checksumBytes();
        if (value < layout_.minimumLengthValue() || expected > layout_.max_frame_bytes) {
            out.error(DecodeError::BadLength,
                      "length field " + std::to_string(value) + " is impossible for the layout");
            return;
        }
    }
    if (packet.size() < std::max(expected, layout_.headerSize())) {
        out.error(DecodeError::TruncatedFrame, "packet of " + std::to_string(packet.size()) + " bytes, frame needs "
                                                   + std::to_string(std::max(expected, layout_.headerSize())));
        return;
    }
    if (packet.size() > expected) {
        out.error(DecodeError::BadLength, "packet of " + std::to_string(packet.size()) + " bytes, frame is "
                                              + std::to_string(expected));
        return;
    }
    if (!checksumMatches(packet.data(), packet.size())) {
        out.error(DecodeError::BadChecksum,
                  std::string(checksumName(layout_.checksum)) + " mismatch in a packet of "
                      + std::to_string(packet.size()) + " bytes");
        return;
    }
    emitFrame(packet.data(), receive_time_ns, out);
    ++frames;
}

} // namespace streamscope
