#pragma once

#include "core/ingest/serial_port_settings.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamscope {

// Writes bytes to a serial device or pseudo-terminal, in raw mode with the given settings: the load
// generator's serial output. Writes block until the driver has taken every byte, since a generator's
// job is to deliver what it was asked to send.
class SerialWriter {
public:
    SerialWriter() = default;
    ~SerialWriter();
    SerialWriter(const SerialWriter&) = delete;
    SerialWriter& operator=(const SerialWriter&) = delete;

    // Returns a one-line error naming the device, or nullopt.
    [[nodiscard]] std::optional<std::string> open(const SerialPortSettings& settings);
    // Returns false (and keeps the reason) when the device went away or refused the bytes.
    bool write(std::string_view bytes);

    [[nodiscard]] std::uint64_t bytesWritten() const { return bytes_written_; }
    [[nodiscard]] const std::string& lastError() const { return last_error_; }

private:
    int fd_ = -1;
    std::string name_;
    std::uint64_t bytes_written_ = 0;
    std::string last_error_;
};

} // namespace streamscope
