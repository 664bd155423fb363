#include "core/protocol/line_decoder_factory.h"

#include "core/protocol/auto_decoder.h"
#include "core/protocol/csv_decoder.h"
#include "core/protocol/graphite_decoder.h"
#include "core/protocol/influx_line_decoder.h"
#include "core/protocol/json_line_decoder.h"
#include "core/protocol/key_value_decoder.h"

namespace streamscope {

std::unique_ptr<LineDecoder> makeLineDecoder(const DecoderOptions& options)
{
    switch (options.format) {
    case TextFormat::Csv: {
        CsvDecoder::Options csv;
        csv.separator = options.csv_separator;
        csv.time_column = options.csv_time_column;
        csv.time_unit = options.csv_time_unit;
        return std::make_unique<CsvDecoder>(csv);
    }
    case TextFormat::KeyValue: return std::make_unique<KeyValueDecoder>();
    case TextFormat::Influx: return std::make_unique<InfluxLineDecoder>(options.influx_precision);
    case TextFormat::Graphite: return std::make_unique<GraphiteDecoder>();
    case TextFormat::Json:
        return std::make_unique<JsonLineDecoder>(options.json_time_key, options.json_time_unit);
    case TextFormat::Auto: break;
    }
    return std::make_unique<AutoDecoder>(options);
}

} // namespace streamscope
