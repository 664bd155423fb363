#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sockaddr;

namespace streamscope {

// One IPv4 or IPv6 network in CIDR notation: "192.168.1.0/24", "fd00::/8"; a bare address is the one
// host (/32 or /128).
struct AddressRange {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{}; // network order; IPv4 uses the first 4
    int prefix_bits = 0;

    [[nodiscard]] std::string toString() const;
};

// On failure returns nullopt and says why in `error`, naming the value.
[[nodiscard]] std::optional<AddressRange> parseAddressRange(std::string_view text, std::string& error);

// The senders a UDP source accepts datagrams from (`--allow-from`). Empty allows everyone. An IPv4
// sender that reaches an IPv6 socket as an IPv4-mapped address (::ffff:a.b.c.d) is matched as IPv4.
class SenderFilter {
public:
    SenderFilter() = default;
    explicit SenderFilter(std::vector<AddressRange> ranges) : ranges_(std::move(ranges)) {}

    [[nodiscard]] bool allowsEveryone() const { return ranges_.empty(); }
    // `sender` is the source address recvmmsg() filled in (AF_INET or AF_INET6).
    [[nodiscard]] bool allows(const sockaddr& sender) const;

private:
    std::vector<AddressRange> ranges_;
};

} // namespace streamscope
