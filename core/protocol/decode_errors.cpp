#include "core/protocol/decode_errors.h"

#include <algorithm>

namespace streamscope {

std::string_view decodeErrorName(DecodeError kind)
{
    switch (kind) {
    case DecodeError::BadNumber: return "bad_number";
    case DecodeError::MissingField: return "missing_field";
    case DecodeError::BadSyntax: return "bad_syntax";
    case DecodeError::NonNumericValue: return "non_numeric_value";
    case DecodeError::BadTimestamp: return "bad_timestamp";
    case DecodeError::Oversized: return "oversized";
    case DecodeError::TooManyChannels: return "too_many_channels";
    case DecodeError::UnknownFormat: return "unknown_format";
    case DecodeError::BadChecksum: return "bad_checksum";
    case DecodeError::BadLength: return "bad_length";
    case DecodeError::TruncatedFrame: return "truncated_frame";
    case DecodeError::Garbage: return "garbage";
    }
    return "unknown";
}

void DecodeErrorCounters::count(DecodeError kind, std::string_view detail)
{
    auto& counter = counts_[static_cast<std::size_t>(kind)];
    // Single writer: a plain load/store avoids a locked read-modify-write on the ingest thread.
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);

    constexpr std::size_t kMaxMessage = 160;
    std::lock_guard lock(message_mutex_);
    last_message_.assign(decodeErrorName(kind));
    last_message_.append(": ");
    last_message_.append(detail.substr(0, std::min(detail.size(), kMaxMessage)));
}

std::uint64_t DecodeErrorCounters::total() const
{
    std::uint64_t sum = 0;
    for (const auto& c : counts_)
        sum += c.load(std::memory_order_relaxed);
    return sum;
}

std::string DecodeErrorCounters::lastMessage() const
{
    std::lock_guard lock(message_mutex_);
    return last_message_;
}

} // namespace streamscope
