#pragma once

#include "core/ingest/serial_source.h"

#include <QJsonObject>

#include <optional>
#include <string>

namespace streamscope {

// A serial source as an object in the session file: the same settings as `--serial DEV[:BAUD[:8N1]]`
// and `--frame` / `--framing`, spelled out:
//
//   {"serial": "/dev/ttyUSB0", "baud": 2000000, "data_bits": 8, "parity": "none", "stop_bits": 1,
//    "flow_control": "none", "frame": "sync=AA55 le u16:seq f32:ax crc=crc16-ccitt", "framing": "sync"}
//
// Only "serial" is required; the rest default as on the command line. Without "frame" the source carries
// text lines, decoded with `text_decoder` (the session's text format settings).
[[nodiscard]] std::optional<SerialSourceOptions> serialSourceFromJson(const QJsonObject& object,
                                                                      const DecoderOptions& text_decoder,
                                                                      std::string& error);

// The object serialSourceFromJson() reads back to the same options.
[[nodiscard]] QJsonObject serialSourceToJson(const SerialSourceOptions& options);

} // namespace streamscope
