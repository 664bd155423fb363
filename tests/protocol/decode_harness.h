#pragma once

#include "core/protocol/decoder.h"

#include <QByteArray>

#include <charconv>
#include <cstddef>
#include <string_view>

namespace streamscope::test {

// The size of the long lines every decoder must survive.
inline constexpr std::size_t k64KiB = std::size_t{64} * 1024;

// The receive time handed to decoders; descriptions print it as "rx".
inline constexpr TimeNs kReceiveTime = 1'600'000'000'000'000'000;

// A source's decoding state (channel table, batch, error counters) plus descriptions of the outcome as
// one line of text, so that a test states its whole expectation at once and a failure shows all of it.
class DecodeHarness {
public:
    explicit DecodeHarness(std::size_t max_channels = 4096) : channels(max_channels) {}

    // As a datagram: split into lines by decodeLines.
    std::uint64_t feed(LineDecoder& decoder, std::string_view text)
    {
        return decodeLines(decoder, text, kReceiveTime, out);
    }

    // "name=value@time; ..." in batch order. Values in shortest round-trip form (so equal text means an
    // equal double), times in ns or "rx".
    [[nodiscard]] QByteArray samples() const
    {
        QByteArray text;
        for (const Sample& sample : batch.samples) {
            if (!text.isEmpty())
                text += "; ";
            const std::string& name = channels.name(sample.channel);
            text.append(name.data(), static_cast<qsizetype>(name.size())).append('=');
            char digits[64];
            auto written = std::to_chars(digits, digits + sizeof digits, sample.value);
            text.append(digits, written.ptr - digits).append('@');
            if (sample.time_ns == kReceiveTime) {
                text.append("rx");
            } else {
                written = std::to_chars(digits, digits + sizeof digits, sample.time_ns);
                text.append(digits, written.ptr - digits);
            }
        }
        return text;
    }

    // "bad_number:1 missing_field:2": every non-zero error counter, in DecodeError order.
    [[nodiscard]] QByteArray errorCounts() const
    {
        QByteArray text;
        for (std::size_t kind = 0; kind < kDecodeErrorKinds; ++kind) {
            const auto error = static_cast<DecodeError>(kind);
            if (const auto count = errors.count(error)) {
                if (!text.isEmpty())
                    text += ' ';
                const std::string_view name = decodeErrorName(error);
                text.append(name.data(), static_cast<qsizetype>(name.size())).append(':');
                text.append(QByteArray::number(count));
            }
        }
        return text;
    }

    [[nodiscard]] QByteArray lastError() const { return QByteArray::fromStdString(errors.lastMessage()); }

    ChannelTable channels;
    SampleBatch batch;
    DecodeErrorCounters errors;
    DecodeOutput out{channels, batch, errors};
};

} // namespace streamscope::test
