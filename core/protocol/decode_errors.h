#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace streamscope {

enum class DecodeError : std::uint8_t {
    BadNumber,        // a value or timestamp field that does not parse as a number
    MissingField,     // an empty field, a pair without a value, a line with too few columns
    BadSyntax,        // the line does not have the format's structure (unbalanced JSON, no field set, ...)
    NonNumericValue,  // a well-formed string/null value that cannot become a sample (skipped, counted)
    BadTimestamp,     // a timestamp that is present but unusable (out of range, not a number)
    Oversized,        // a line or datagram longer than the configured bound (truncated datagram)
    TooManyChannels,  // a new channel name beyond the per-source cap
    UnknownFormat,    // `auto` could not recognise the format of a line
    BadChecksum,      // a binary frame whose checksum does not match its bytes
    BadLength,        // a binary frame whose length field or packet size is impossible for its layout
    TruncatedFrame,   // a binary frame cut short (end of datagram or stream, short COBS/SLIP packet)
    Garbage,          // bytes between binary frames that belong to no frame (one count per run)
};
inline constexpr std::size_t kDecodeErrorKinds = 12;

[[nodiscard]] std::string_view decodeErrorName(DecodeError kind);

// Error counters of one source. The ingest thread is the only writer; any thread may read. The last
// message is kept so that a user sees an example of what was wrong, not only a number.
class DecodeErrorCounters {
public:
    void count(DecodeError kind, std::string_view detail);

    [[nodiscard]] std::uint64_t count(DecodeError kind) const
    {
        return counts_[static_cast<std::size_t>(kind)].load(std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint64_t total() const;
    [[nodiscard]] std::string lastMessage() const;

private:
    std::array<std::atomic<std::uint64_t>, kDecodeErrorKinds> counts_{};
    mutable std::mutex message_mutex_;
    std::string last_message_;
};

} // namespace streamscope
