#pragma once

#include "core/pipeline/sample_batch.h"
#include "core/protocol/channel_table.h"
#include "core/protocol/decode_errors.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

// Where a decoder puts what it finds: samples into the batch being filled, names into the source's
// channel table, problems into the source's error counters.
class DecodeOutput {
public:
    DecodeOutput(ChannelTable& channels, SampleBatch& batch, DecodeErrorCounters& errors)
        : channels_(channels), batch_(batch), errors_(errors)
    {
    }

    // A channel name is for display; anything longer is garbage.
    static constexpr std::size_t kMaxChannelNameLength = 1024;

    // Adds one sample to the channel called `name`, if channel() accepts the name.
    void add(std::string_view name, TimeNs time_ns, double value);
    void add(LocalChannelId id, TimeNs time_ns, double value) { batch_.samples.push_back({time_ns, value, id}); }

    // The id for `name`, creating it if new. A new name that is empty, longer than kMaxChannelNameLength
    // or not printable UTF-8 is refused (BadSyntax); past the table's cap, TooManyChannels.
    [[nodiscard]] std::optional<LocalChannelId> channel(std::string_view name);

    void error(DecodeError kind, std::string_view detail) { errors_.count(kind, detail); }

    [[nodiscard]] SampleBatch& batch() { return batch_; }

private:
    ChannelTable& channels_;
    SampleBatch& batch_;
    DecodeErrorCounters& errors_;
};

// Turns one text line into samples. A decoder never throws on input bytes: it counts what is wrong,
// keeps what it can, and the next line starts afresh. Decoders may keep per-source state (a CSV header)
// and may cache ids from the source's channel table, so an instance serves one source only.
class LineDecoder {
public:
    virtual ~LineDecoder() = default;

    // `line` has no terminator and is not empty. `receive_time_ns` stands in when the line carries no
    // timestamp of its own.
    virtual void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) = 0;

    [[nodiscard]] virtual std::string_view formatName() const = 0;
};

// Splits `text` on '\n' (dropping a trailing '\r'), skips blank lines and feeds the rest to `decoder`.
// Returns the number of non-blank lines (frames) seen.
std::uint64_t decodeLines(LineDecoder& decoder, std::string_view text, TimeNs receive_time_ns, DecodeOutput& out);

} // namespace streamscope
