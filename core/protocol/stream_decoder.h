#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/frame_decoder.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace streamscope {

// Turns a byte stream (a serial line) into samples, whatever the read boundaries: a line or frame that
// arrives in pieces is kept until it is whole.
class StreamDecoder {
public:
    virtual ~StreamDecoder() = default;
    // Returns the number of lines or frames completed by these bytes.
    virtual std::uint64_t feed(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out) = 0;
    // The stream broke off: a partial line or frame is counted as truncated and dropped.
    virtual std::uint64_t end(TimeNs receive_time_ns, DecodeOutput& out) = 0;
};

// Text lines ended by '\n' (a trailing '\r' is dropped) through one of the line decoders. A line longer
// than kMaxLine is counted as oversized and skipped up to its end.
class LineStreamDecoder final : public StreamDecoder {
public:
    static constexpr std::size_t kMaxLine = 64 * 1024;

    explicit LineStreamDecoder(std::unique_ptr<LineDecoder> decoder);
    std::uint64_t feed(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out) override;
    std::uint64_t end(TimeNs receive_time_ns, DecodeOutput& out) override;

private:
    void keepPartial(std::string_view tail, DecodeOutput& out);

    std::unique_ptr<LineDecoder> decoder_;
    std::string partial_;
    bool discarding_ = false; // inside an oversized line, up to its '\n'
};

class FrameStreamDecoder final : public StreamDecoder {
public:
    explicit FrameStreamDecoder(const BinaryFraming& binary) : decoder_(binary.layout, binary.framing) {}
    std::uint64_t feed(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out) override
    {
        return decoder_.feedStream(bytes, receive_time_ns, out);
    }
    std::uint64_t end(TimeNs receive_time_ns, DecodeOutput& out) override
    {
        return decoder_.endStream(receive_time_ns, out);
    }

private:
    FrameDecoder decoder_;
};

// A line or frame stream decoder for `options` (binary when options.binary is set).
[[nodiscard]] std::unique_ptr<StreamDecoder> makeStreamDecoder(const DecoderOptions& options);

} // namespace streamscope
