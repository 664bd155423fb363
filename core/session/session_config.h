#pragma once

#include "core/pipeline/channel_metadata.h"
#include "core/pipeline/sample.h"
#include "core/processing/alert_rule.h"
#include "core/protocol/decoder_options.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

enum class SourceType { Udp, Demo, Serial };

// Byte-stream framing of binary frames on a serial link.
enum class SerialFraming { None, Cobs, Slip };

// One source of a session file. Only the fields of its `type` are meaningful.
struct SourceConfig {
    SourceType type = SourceType::Udp;

    // udp
    std::string address = "0.0.0.0";
    std::uint16_t port = 0;
    std::string multicast_interface;
    std::optional<int> receive_buffer_bytes;
    std::vector<std::string> allow_from; // CIDR networks ("allow_from"); empty accepts every sender

    // demo
    double rate_hz = 1000.0;

    // serial
    std::string device;
    int baud = 115200;
    std::string settings = "8N1"; // data bits, parity (N E O M S), stop bits (1 or 2)
    SerialFraming framing = SerialFraming::None;

    // udp and serial: "binary" takes the frame layout in `frame` (kept as text: its grammar belongs to
    // the binary frame decoder); anything else is a text decoder.
    bool binary = false;
    std::string frame;
    DecoderOptions decoder;
};

// Metadata of a channel: how it is shown and converted. The pipeline applies it (Engine::setChannelMetadata).
using ChannelConfig = ChannelMetadata;

// The recorder's options (used by the HDF5 recorder).
struct RecordingConfig {
    std::string path = "streamscope-%Y%m%d-%H%M%S.h5"; // strftime-style pattern
    TimeNs flush_interval_ns = 1'000'000'000;
    std::optional<std::uint64_t> rotate_bytes;          // start a new file past this size...
    std::optional<TimeNs> rotate_interval_ns;           // ...or after this long
    int compression = 0;                                // deflate level 0 (off) to 9
};

struct SessionConfig {
    int version = 1;
    std::vector<SourceConfig> sources;
    std::vector<ChannelConfig> channels;
    std::vector<TimeNs> windows{1'000'000'000, 10'000'000'000, 60'000'000'000};
    std::vector<AlertRule> alerts;
    std::optional<RecordingConfig> recording;
    QJsonObject gui; // reserved for the desktop app's layout; kept as it was read
};

[[nodiscard]] std::string_view sourceTypeName(SourceType type);
[[nodiscard]] std::string_view serialFramingName(SerialFraming framing);

} // namespace streamscope
