#include "core/ingest/serial_port_list.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <system_error>

namespace streamscope {

namespace {

namespace fs = std::filesystem;

// A tty with a real device behind it: USB adapters and boards (ttyUSB, ttyACM), on-board UARTs that a
// driver has claimed. The legacy 8250 driver registers a few ttyS ports whether or not hardware is
// there, so those count only when the kernel found a port (a by-id link or a known UART type).
bool isSerialPort(const fs::path& class_entry)
{
    std::error_code ec;
    if (!fs::exists(class_entry / "device", ec))
        return false;
    const fs::path driver = fs::read_symlink(class_entry / "device" / "driver", ec);
    if (ec)
        return false;
    if (driver.filename() != "serial8250")
        return true;
    std::FILE* type_file = std::fopen((class_entry / "type").c_str(), "r");
    int type = 0;
    if (type_file != nullptr) {
        if (std::fscanf(type_file, "%d", &type) != 1)
            type = 0;
        std::fclose(type_file);
    }
    return type != 0; // PORT_UNKNOWN
}

} // namespace

std::vector<SerialPortEntry> listSerialPorts()
{
    std::map<std::string, std::string> by_id; // device path -> by-id path
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/dev/serial/by-id", ec)) {
        const fs::path target = fs::canonical(entry.path(), ec);
        if (!ec)
            by_id[target.string()] = entry.path().string();
    }
    std::map<std::string, std::string> ports;
    for (const auto& entry : fs::directory_iterator("/sys/class/tty", ec)) {
        const std::string device = "/dev/" + entry.path().filename().string();
        if (isSerialPort(entry.path()) || by_id.count(device) != 0)
            ports[device] = by_id.count(device) ? by_id[device] : std::string();
    }
    std::vector<SerialPortEntry> result;
    for (const auto& [device, id] : ports)
        result.push_back({device, id});
    return result;
}

} // namespace streamscope
