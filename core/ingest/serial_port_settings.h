#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

enum class Parity : char { None = 'N', Even = 'E', Odd = 'O' };
enum class FlowControl { None, Hardware, Software };

// How to open one serial device. Written as DEV[:BAUD[:8N1[:FLOW]]] on the command line, e.g.
// "/dev/ttyUSB0:2000000:8E2:rtscts"; FLOW is none, rtscts or xonxoff.
struct SerialPortSettings {
    std::string device;
    unsigned baud_rate = 115200; // any rate the driver accepts, not only the standard ones
    unsigned data_bits = 8;      // 5 to 8
    Parity parity = Parity::None;
    unsigned stop_bits = 1;      // 1 or 2
    FlowControl flow_control = FlowControl::None;

    // "/dev/ttyUSB0:115200:8N1"
    [[nodiscard]] std::string toString() const;
};

// Parses DEV[:BAUD[:8N1[:FLOW]]]. Suffixes are read from the right, so device paths that contain
// colons themselves (/dev/serial/by-path/...-usb-0:1.2:1.0-port0) keep them. On a bad value returns
// nullopt with a one-line message naming it.
[[nodiscard]] std::optional<SerialPortSettings> parseSerialPortSettings(std::string_view text, std::string& error);

} // namespace streamscope
