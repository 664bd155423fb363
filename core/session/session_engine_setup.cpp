#include "core/session/session_engine_setup.h"

#include "core/ingest/serial_port_settings.h"
#include "core/protocol/frame_layout.h"
#include "core/session/session_loader.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace streamscope {

namespace {

// The source's decoder, with its binary frame layout when "format" is "binary". The loader has already
// checked the layout, so a failure here only repeats its message.
std::optional<DecoderOptions> decoderOf(const SourceConfig& source, std::string& error)
{
    DecoderOptions decoder = source.decoder;
    if (!source.binary)
        return decoder;
    auto binary = std::make_shared<BinaryFraming>();
    auto layout = parseFrameLayout(source.frame, error);
    if (!layout)
        return std::nullopt;
    binary->layout = std::move(*layout);
    binary->framing = source.framing == SerialFraming::Cobs ? Framing::Cobs
        : source.framing == SerialFraming::Slip            ? Framing::Slip
                                                            : Framing::Sync;
    decoder.binary = std::move(binary);
    return decoder;
}

} // namespace

std::optional<std::string> addSessionSource(const SourceConfig& source, Engine& engine)
{
    if (source.type == SourceType::Demo) {
        DemoSourceOptions demo;
        demo.rate_hz = source.rate_hz;
        engine.addDemoSource(demo);
        return std::nullopt;
    }
    std::string error;
    const auto decoder = decoderOf(source, error);
    if (!decoder)
        return "frame: " + error;
    if (source.type == SourceType::Serial) {
        SerialSourceOptions serial;
        const auto port =
            parseSerialPortSettings(source.device + ":" + std::to_string(source.baud) + ":" + source.settings, error);
        if (!port)
            return error;
        serial.port = *port;
        serial.decoder = *decoder;
        return engine.addSerialSource(std::move(serial));
    }
    UdpSourceOptions udp;
    udp.endpoint.address = source.address;
    udp.endpoint.port = source.port;
    udp.multicast_interface = source.multicast_interface;
    if (source.receive_buffer_bytes)
        udp.receive_buffer_bytes = *source.receive_buffer_bytes;
    std::vector<AddressRange> allowed;
    for (const std::string& network : source.allow_from) {
        if (auto range = parseAddressRange(network, error))
            allowed.push_back(*range);
        else
            return error; // the loader has checked them; only a hand-built config gets here
    }
    udp.allow_from = SenderFilter(std::move(allowed));
    udp.decoder = *decoder;
    return engine.addUdpSource(std::move(udp));
}

std::optional<std::string> applySessionSources(const SessionConfig& config, Engine& engine)
{
    for (std::size_t i = 0; i < config.sources.size(); ++i) {
        if (auto failure = addSessionSource(config.sources[i], engine)) {
            const char* separator = failure->starts_with("frame:") ? "." : ": ";
            return "sources[" + std::to_string(i) + "]" + separator + *failure;
        }
    }
    return std::nullopt;
}

ProcessingOptions processingOptionsOf(const SessionConfig& config)
{
    ProcessingOptions options;
    options.windows = config.windows;
    options.rules = config.alerts;
    return options;
}

ProcessingOptions recordedProcessingOptions(const std::string& session_config_json)
{
    ProcessingOptions options;
    const QJsonObject recorded = QJsonDocument::fromJson(QByteArray::fromStdString(session_config_json)).object();
    QJsonObject parts;
    for (const QString& key : {QStringLiteral("statistics"), QStringLiteral("alerts")})
        if (recorded.contains(key))
            parts.insert(key, recorded.value(key));
    const SessionLoadResult loaded = parseSession(QJsonDocument(parts).toJson());
    if (loaded.config) {
        options.windows = loaded.config->windows;
        options.rules = loaded.config->alerts;
    }
    return options;
}

ReplaySource& addReplaySource(Engine& engine, const std::string& path, ReplaySourceOptions options)
{
    auto source = std::make_unique<ReplaySource>(engine.nextSourceId(), engine.ingestContext(), path, std::move(options));
    ReplaySource& replay = *source;
    engine.setClock(replay.clock());
    engine.addSource(std::move(source));
    return replay;
}

} // namespace streamscope
