#include "core/session/session_engine_setup.h"

namespace streamscope {

std::optional<std::string> applySessionSources(const SessionConfig& config, Engine& engine)
{
    for (std::size_t i = 0; i < config.sources.size(); ++i) {
        const SourceConfig& source = config.sources[i];
        const std::string path = "sources[" + std::to_string(i) + "]";
        // Serial links and binary frames are parsed and validated here; their sources come from
        // another part of the code base and are wired in when it lands.
        if (source.type == SourceType::Serial)
            return path + ": serial sources are not supported by this build yet";
        if (source.binary)
            return path + ": binary frames are not supported by this build yet";
        if (source.type == SourceType::Demo) {
            DemoSourceOptions demo;
            demo.rate_hz = source.rate_hz;
            engine.addDemoSource(demo);
            continue;
        }
        UdpSourceOptions udp;
        udp.endpoint.address = source.address;
        udp.endpoint.port = source.port;
        udp.multicast_interface = source.multicast_interface;
        if (source.receive_buffer_bytes)
            udp.receive_buffer_bytes = *source.receive_buffer_bytes;
        udp.decoder = source.decoder;
        if (auto failure = engine.addUdpSource(std::move(udp)))
            return path + ": " + *failure;
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

} // namespace streamscope
