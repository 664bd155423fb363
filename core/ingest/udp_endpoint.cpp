#include "core/ingest/udp_endpoint.h"

#include <boost/asio/ip/address.hpp>

#include <charconv>

namespace streamscope {

std::string UdpEndpoint::toString() const
{
    const bool v6 = address.find(':') != std::string::npos;
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

std::optional<UdpEndpoint> parseUdpEndpoint(std::string_view text, std::string& error)
{
    UdpEndpoint endpoint;
    std::string_view host;
    std::string_view port_text = text;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            error = "bad UDP address '" + std::string(text) + "': expected [IPv6]:PORT";
            return std::nullopt;
        }
        host = text.substr(1, close - 1);
        port_text = text.substr(close + 2);
    } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) {
            error = "bad UDP address '" + std::string(text) + "': write IPv6 addresses as [ADDR]:PORT";
            return std::nullopt;
        }
    }

    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
        error = "bad UDP port '" + std::string(port_text) + "' in '" + std::string(text)
            + "': expected an integer 1-65535";
        return std::nullopt;
    }
    endpoint.port = static_cast<std::uint16_t>(port);

    if (!host.empty()) {
        if (host == "localhost")
            host = "127.0.0.1";
        boost::system::error_code parse_error;
        const auto address = boost::asio::ip::make_address(std::string(host), parse_error);
        if (parse_error) {
            error = "bad UDP address '" + std::string(host) + "' in '" + std::string(text)
                + "': expected an IPv4 or IPv6 address";
            return std::nullopt;
        }
        endpoint.address = address.to_string();
    }
    return endpoint;
}

} // namespace streamscope
