#include "core/session/source_config_reader.h"

#include "core/ingest/sender_filter.h"
#include "core/ingest/udp_endpoint.h"
#include "core/protocol/frame_layout.h"

namespace streamscope {

namespace {

TimeUnit timeUnit(const std::string& name)
{
    return parseTimeUnit(name).value_or(TimeUnit::Seconds);
}

// "format" and the decoder options that go with it; binary formats take a frame layout instead.
void readDecoder(JsonFieldReader& reader, SourceConfig& source)
{
    const auto format = reader.choice("format", {"auto", "csv", "kv", "influx", "graphite", "json", "binary"}, false);
    source.binary = format == "binary";
    if (const auto cap = reader.integer("max_channels", 1, static_cast<long long>(DecoderOptions::kMaxMaxChannels), false))
        source.decoder.max_channels = static_cast<std::size_t>(*cap);
    if (!source.binary)
        source.decoder.format = parseTextFormat(format.value_or("auto")).value_or(TextFormat::Auto);

    if (source.binary) {
        if (const auto frame = reader.text("frame", true)) {
            source.frame = *frame;
            std::string error;
            if (!parseFrameLayout(*frame, error))
                reader.problem("frame", "a frame layout such as \"sync=AA55 le u16:seq f32:ax crc=crc16-ccitt\" ("
                                   + error + ")");
        }
    } else if (reader.has("frame")) {
        reader.problem("frame", "no frame layout unless \"format\" is \"binary\"");
    }
    if (const auto separator = reader.choice("separator", {",", ";", "tab"}, false))
        source.decoder.csv_separator = *separator == "tab" ? '\t' : (*separator)[0];
    if (const auto column = reader.integer("time_column", 1, 4096, false))
        source.decoder.csv_time_column = static_cast<int>(*column);
    if (const auto unit = reader.choice("time_unit", {"s", "ms", "us", "ns"}, false)) {
        source.decoder.csv_time_unit = timeUnit(*unit);
        source.decoder.json_time_unit = source.decoder.csv_time_unit;
    }
    if (const auto precision = reader.choice("precision", {"s", "ms", "us", "ns"}, false))
        source.decoder.influx_precision = timeUnit(*precision);
    if (const auto key = reader.text("time_key", false))
        source.decoder.json_time_key = *key;
}

void readUdp(JsonFieldReader& reader, SourceConfig& source, std::vector<SessionProblem>& problems)
{
    if (const auto address = reader.text("address", false)) {
        // The endpoint parser knows every address form; ":1" only completes the text for it.
        const bool v6 = address->find(':') != std::string::npos;
        std::string error;
        if (parseUdpEndpoint((v6 ? "[" + *address + "]" : *address) + ":1", error))
            source.address = *address;
        else
            addProblem(problems, reader.pathOf("address"), "an IPv4 or IPv6 address",
                       QJsonValue(QString::fromStdString(*address)));
    }
    if (const auto port = reader.integer("port", 1, 65535, true))
        source.port = static_cast<std::uint16_t>(*port);
    if (const auto interface = reader.text("multicast_interface", false))
        source.multicast_interface = *interface;
    if (const auto rcvbuf = reader.integer("rcvbuf", 0, 1LL << 30, false))
        source.receive_buffer_bytes = static_cast<int>(*rcvbuf);
    if (const auto networks = reader.array("allow_from", false)) {
        for (qsizetype i = 0; i < networks->size(); ++i) {
            const QJsonValue network = networks->at(i);
            std::string error;
            if (network.isString() && parseAddressRange(network.toString().toStdString(), error))
                source.allow_from.push_back(network.toString().toStdString());
            else
                addProblem(problems, reader.pathOf("allow_from") + "[" + std::to_string(i) + "]",
                           "an IPv4 or IPv6 network such as \"192.168.1.0/24\" or \"fd00::/8\"", network);
        }
    }
    readDecoder(reader, source);
}

bool validSerialSettings(const std::string& s)
{
    return s.size() == 3 && s[0] >= '5' && s[0] <= '8' && std::string_view("NEOMS").find(s[1]) != std::string_view::npos
        && (s[2] == '1' || s[2] == '2');
}

void readSerial(JsonFieldReader& reader, SourceConfig& source, std::vector<SessionProblem>& problems)
{
    if (const auto device = reader.text("device", true))
        source.device = *device;
    if (const auto baud = reader.integer("baud", 50, 4'000'000, false))
        source.baud = static_cast<int>(*baud);
    if (const auto settings = reader.text("settings", false)) {
        if (validSerialSettings(*settings))
            source.settings = *settings;
        else
            addProblem(problems, reader.pathOf("settings"),
                       "data bits 5-8, parity N/E/O/M/S and stop bits 1-2, such as \"8N1\"",
                       QJsonValue(QString::fromStdString(*settings)));
    }
    if (const auto framing = reader.choice("framing", {"none", "cobs", "slip"}, false))
        source.framing = *framing == "cobs" ? SerialFraming::Cobs
            : *framing == "slip"            ? SerialFraming::Slip
                                            : SerialFraming::None;
    readDecoder(reader, source);
}

} // namespace

std::optional<SourceConfig> readSourceConfig(const QJsonValue& value, const std::string& path,
                                             std::vector<SessionProblem>& problems)
{
    if (!value.isObject()) {
        addProblem(problems, path, "a source object with a \"type\"", value);
        return std::nullopt;
    }
    const std::size_t problems_before = problems.size();
    JsonFieldReader reader(value.toObject(), path, problems);
    SourceConfig source;
    const auto type = reader.choice("type", {"udp", "demo", "serial"}, true);
    if (!type)
        return std::nullopt; // without a type the other keys mean nothing
    if (*type == "udp") {
        source.type = SourceType::Udp;
        readUdp(reader, source, problems);
    } else if (*type == "demo") {
        source.type = SourceType::Demo;
        if (const auto rate = reader.number("rate", 0.001, 1e6, false))
            source.rate_hz = *rate;
    } else {
        source.type = SourceType::Serial;
        readSerial(reader, source, problems);
    }
    reader.rejectUnknownKeys();
    if (problems.size() != problems_before)
        return std::nullopt;
    return source;
}

} // namespace streamscope
