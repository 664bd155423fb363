#include "core/ingest/serial_baud_rate.h"

// termios2 lives in the kernel's headers, which clash with glibc's <termios.h>: this file includes
// only these.
#include <asm/termbits.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>

namespace streamscope {

std::optional<std::string> setSerialBaudRate(int fd, unsigned baud)
{
    struct termios2 tio {};
    if (::ioctl(fd, TCGETS2, &tio) != 0)
        return std::strerror(errno);
    tio.c_cflag &= ~static_cast<tcflag_t>(CBAUD);
    tio.c_cflag |= BOTHER;
    tio.c_ispeed = baud;
    tio.c_ospeed = baud;
    tio.c_cflag &= ~static_cast<tcflag_t>(CBAUD << IBSHIFT);
    tio.c_cflag |= BOTHER << IBSHIFT;
    if (::ioctl(fd, TCSETS2, &tio) != 0)
        return std::strerror(errno);
    return std::nullopt;
}

} // namespace streamscope
