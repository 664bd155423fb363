#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/text_scan.h"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace streamscope {

// One JSON object per line. Numbers and booleans (1/0) become channels named by their path:
// `{"t":1,"imu":{"ax":0.5},"v":[1,{"w":2}]}` gives `t`, `imu.ax`, `v[0]` and `v[1].w`.
//
// - Strings and null are skipped as NonNumericValue. NaN, Infinity and -Infinity (which Python writes)
//   are accepted as numbers, as is anything std::from_chars reads as one (e.g. "+1").
// - Escapes in keys, \uXXXX included, are decoded into the channel name (a lone surrogate becomes
//   U+FFFD).
// - `time_key`, a dotted path such as "meta.time", holds the timestamp in `time_unit` (a number or a
//   numeric string); it is not a channel. Absent from a line: MissingField; unusable: BadTimestamp;
//   either way that line's values take the receive time.
// - A syntax error (including nesting deeper than kMaxDepth, a root that is not an object, or text after
//   it) counts BadSyntax and discards the samples already found on the line: a half-parsed object is
//   not to be trusted.
class JsonLineDecoder final : public LineDecoder {
public:
    static constexpr int kMaxDepth = 32;

    explicit JsonLineDecoder(std::string time_key = {}, TimeUnit time_unit = TimeUnit::Seconds)
        : time_key_(std::move(time_key)), time_unit_(time_unit)
    {
    }

    void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) override;
    [[nodiscard]] std::string_view formatName() const override { return "json"; }

private:
    // Each returns false on a syntax error, having set error_.
    bool parseValue(int depth);
    bool parseObject(int depth);
    bool parseArray(int depth);
    bool appendKey();
    bool appendEscape();
    bool skipString();
    bool parseScalar();
    bool fail(std::string_view what);

    void skipWhitespace();
    void takeTimestamp(std::string_view text);
    [[nodiscard]] bool atTimeKey() const { return !time_key_.empty() && path_ == time_key_; }

    std::string time_key_;
    TimeUnit time_unit_;

    // State of the line being parsed.
    std::string_view text_;
    std::size_t pos_ = 0;
    DecodeOutput* out_ = nullptr;
    TimeNs receive_time_ns_ = 0;
    bool time_seen_ = false;
    std::optional<TimeNs> line_time_;
    std::string_view error_;

    std::string path_; // reused across lines
    ErrorDetail detail_;
};

} // namespace streamscope
