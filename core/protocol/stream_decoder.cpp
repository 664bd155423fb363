#include "core/protocol/stream_decoder.h"

#include "core/protocol/frame_layout.h"
#include "core/protocol/line_decoder_factory.h"

#include <string_view>

namespace streamscope {

LineStreamDecoder::LineStreamDecoder(std::unique_ptr<LineDecoder> decoder) : decoder_(std::move(decoder))
{
    partial_.reserve(kMaxLine);
}

std::uint64_t LineStreamDecoder::feed(std::span<const std::uint8_t> bytes, TimeNs receive_time_ns, DecodeOutput& out)
{
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    std::uint64_t lines = 0;
    if (discarding_ || !partial_.empty()) {
        const std::size_t newline = text.find('\n');
        if (newline == std::string_view::npos) {
            keepPartial(text, out);
            return 0;
        }
        if (!discarding_) {
            keepPartial(text.substr(0, newline), out);
            if (!discarding_)
                lines += decodeLines(*decoder_, partial_, receive_time_ns, out);
        }
        partial_.clear();
        discarding_ = false;
        text.remove_prefix(newline + 1);
    }
    const std::size_t last_newline = text.rfind('\n');
    if (last_newline != std::string_view::npos) {
        lines += decodeLines(*decoder_, text.substr(0, last_newline + 1), receive_time_ns, out);
        text.remove_prefix(last_newline + 1);
    }
    keepPartial(text, out);
    return lines;
}

void LineStreamDecoder::keepPartial(std::string_view tail, DecodeOutput& out)
{
    if (discarding_ || tail.empty())
        return;
    if (partial_.size() + tail.size() > kMaxLine) {
        out.error(DecodeError::Oversized, "line longer than 64 KiB skipped");
        partial_.clear();
        discarding_ = true;
        return;
    }
    partial_.append(tail);
}

std::uint64_t LineStreamDecoder::end(TimeNs, DecodeOutput& out)
{
    if (!partial_.empty() && !discarding_)
        out.error(DecodeError::TruncatedFrame, "the stream ended inside a line of " + std::to_string(partial_.size())
                                                   + " bytes");
    partial_.clear();
    discarding_ = false;
    return 0;
}

std::unique_ptr<StreamDecoder> makeStreamDecoder(const DecoderOptions& options)
{
    if (options.binary)
        return std::make_unique<FrameStreamDecoder>(*options.binary);
    return std::make_unique<LineStreamDecoder>(makeLineDecoder(options));
}

} // namespace streamscope
