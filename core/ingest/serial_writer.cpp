#include "core/ingest/serial_writer.h"

#include "core/ingest/serial_baud_rate.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace streamscope {

SerialWriter::~SerialWriter()
{
    if (fd_ >= 0) {
        ::tcdrain(fd_);
        ::close(fd_);
    }
}

std::optional<std::string> SerialWriter::open(const SerialPortSettings& settings)
{
    name_ = "serial:" + settings.device;
    fd_ = ::open(settings.device.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0)
        return name_ + ": " + std::strerror(errno);
    termios tio{};
    if (::tcgetattr(fd_, &tio) != 0)
        return name_ + ": not a serial device: " + std::strerror(errno);
    ::cfmakeraw(&tio);
    tio.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
    static constexpr tcflag_t kSizes[] = {CS5, CS6, CS7, CS8};
    tio.c_cflag |= kSizes[settings.data_bits - 5] | CLOCAL | CREAD;
    if (settings.parity != Parity::None)
        tio.c_cflag |= PARENB | (settings.parity == Parity::Odd ? PARODD : 0);
    if (settings.stop_bits == 2)
        tio.c_cflag |= CSTOPB;
    if (settings.flow_control == FlowControl::Hardware)
        tio.c_cflag |= CRTSCTS;
    if (settings.flow_control == FlowControl::Software)
        tio.c_iflag |= IXON | IXOFF;
    if (::tcsetattr(fd_, TCSANOW, &tio) != 0)
        return name_ + ": cannot apply " + settings.toString() + ": " + std::strerror(errno);
    if (auto failure = setSerialBaudRate(fd_, settings.baud_rate))
        return name_ + ": baud rate " + std::to_string(settings.baud_rate) + " not accepted: " + *failure;
    return std::nullopt;
}

bool SerialWriter::write(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0) {
            // EINTR too: the generator's stop signal must not leave it blocked on a reader that stopped reading.
            last_error_ = name_ + ": " + std::strerror(errno);
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
        bytes_written_ += static_cast<std::uint64_t>(written);
    }
    return true;
}

} // namespace streamscope
