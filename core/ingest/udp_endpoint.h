#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

// "ADDR:PORT", "[V6ADDR]:PORT", ":PORT" or "PORT" (any IPv4 address).
struct UdpEndpoint {
    std::string address = "0.0.0.0";
    std::uint16_t port = 0;

    [[nodiscard]] std::string toString() const;
};

// Parses and validates the address; on failure returns nullopt and says why in `error`, naming the value.
[[nodiscard]] std::optional<UdpEndpoint> parseUdpEndpoint(std::string_view text, std::string& error);

} // namespace streamscope
