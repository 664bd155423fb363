#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/text_scan.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

// Separated numbers, one channel per column.
//
// - Names: the header's name for the column, else "ch<N>" with N the 1-based position counting every
//   column (the time column too), so a column keeps its name whatever the time column setting.
// - A line in which no field is a number is a header naming the columns of the lines after it (names
//   trimmed of blanks and surrounding double quotes; an empty name falls back to chN). A later header
//   replaces it. A non-numeric line with control bytes or broken UTF-8 is not a header but BadSyntax, so
//   line noise cannot rename the channels.
// - Data lines keep every good field: an empty field counts MissingField, a non-number BadNumber; NaN and
//   infinities are values. Fewer columns than the header names counts one MissingField per line; extra
//   columns are named chN. One trailing separator ("1,2,") is tolerated, as many sketches print one.
// - Double-quoted fields may contain the separator; "" inside quotes is a quote.
// - The time column's value (in `time_unit`, fractions allowed) stamps every value of its line. When it
//   is empty or missing (MissingField) or unusable (BadTimestamp) the values are kept at receive time.
class CsvDecoder final : public LineDecoder {
public:
    struct Options {
        char separator = ',';           // ',', ';' or '\t'
        std::optional<int> time_column; // 1-based; values below 1 mean none
        TimeUnit time_unit = TimeUnit::Seconds;
    };

    explicit CsvDecoder(const Options& options);

    void decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out) override;
    [[nodiscard]] std::string_view formatName() const override { return "csv"; }

private:
    struct Field {
        std::string_view text; // trimmed, without the quotes of a quoted field
        bool quoted = false;
        bool is_number = false;
        double value = 0.0;
    };

    [[nodiscard]] bool decodePlainLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out);
    void splitFields(std::string_view line);
    void adoptHeader();
    [[nodiscard]] TimeNs lineTime(std::optional<TimeNs> parsed, TimeNs receive_time_ns, DecodeOutput& out);
    [[nodiscard]] std::optional<LocalChannelId> columnChannel(std::size_t column, DecodeOutput& out);

    static constexpr std::size_t kNoTimeColumn = static_cast<std::size_t>(-1);
    static constexpr LocalChannelId kUnresolved = static_cast<LocalChannelId>(-1);

    char separator_;
    std::size_t time_index_; // 0-based, or kNoTimeColumn
    TimeUnit time_unit_;

    std::vector<Field> fields_;               // reused across lines
    std::vector<std::string> header_;         // names by column; empty when no header was seen
    std::vector<LocalChannelId> column_ids_;  // ids by column, cached so data lines skip the name lookup
    std::string name_;
    ErrorDetail detail_;
};

} // namespace streamscope
