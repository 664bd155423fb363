#pragma once

#include <optional>
#include <string>

namespace streamscope {

// Sets input and output speed of the open tty `fd` to `baud`, any rate the driver accepts (Linux
// termios2 with BOTHER), not only the B-constants of termios. Returns the OS's reason on failure.
[[nodiscard]] std::optional<std::string> setSerialBaudRate(int fd, unsigned baud);

} // namespace streamscope
