#pragma once

#include <string>
#include <vector>

namespace streamscope {

// A serial port the system has: its device path and, when the kernel gives one, its stable
// /dev/serial/by-id name.
struct SerialPortEntry {
    std::string device;
    std::string by_id;
};

// USB adapters and boards (ttyUSB, ttyACM) and on-board UARTs a driver has claimed, sorted by device.
[[nodiscard]] std::vector<SerialPortEntry> listSerialPorts();

} // namespace streamscope
