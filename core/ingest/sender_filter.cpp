#include "core/ingest/sender_filter.h"

#include <boost/asio/ip/address.hpp>

#include <charconv>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

namespace streamscope {

namespace {

bool prefixMatches(const std::uint8_t* network, const std::uint8_t* address, int prefix_bits)
{
    const int whole_bytes = prefix_bits / 8;
    if (std::memcmp(network, address, static_cast<std::size_t>(whole_bytes)) != 0)
        return false;
    const int rest = prefix_bits % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
    return (network[whole_bytes] & mask) == (address[whole_bytes] & mask);
}

} // namespace

std::string AddressRange::toString() const
{
    namespace ip = boost::asio::ip;
    std::string address;
    if (v6) {
        ip::address_v6::bytes_type raw;
        std::memcpy(raw.data(), bytes.data(), raw.size());
        address = ip::address_v6(raw).to_string();
    } else {
        ip::address_v4::bytes_type raw;
        std::memcpy(raw.data(), bytes.data(), raw.size());
        address = ip::address_v4(raw).to_string();
    }
    return address + "/" + std::to_string(prefix_bits);
}

std::optional<AddressRange> parseAddressRange(std::string_view text, std::string& error)
{
    const auto fail = [&] {
        error = "bad network '" + std::string(text) + "': expected an IPv4 or IPv6 address with an optional /PREFIX, "
                "such as 192.168.1.0/24 or fd00::/8";
        return std::nullopt;
    };
    const auto slash = text.find('/');
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(text.substr(0, slash)), ec);
    if (ec)
        return fail();
    AddressRange range;
    range.v6 = address.is_v6();
    const int max_bits = range.v6 ? 128 : 32;
    range.prefix_bits = max_bits;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        const auto [end, parse_error] = std::from_chars(digits.data(), digits.data() + digits.size(), range.prefix_bits);
        if (digits.empty() || parse_error != std::errc() || end != digits.data() + digits.size()
            || range.prefix_bits < 0 || range.prefix_bits > max_bits)
            return fail();
    }
    if (range.v6) {
        const auto raw = address.to_v6().to_bytes();
        std::memcpy(range.bytes.data(), raw.data(), raw.size());
    } else {
        const auto raw = address.to_v4().to_bytes();
        std::memcpy(range.bytes.data(), raw.data(), raw.size());
    }
    return range;
}

bool SenderFilter::allows(const sockaddr& sender) const
{
    if (ranges_.empty())
        return true;
    const std::uint8_t* address = nullptr;
    bool v6 = false;
    if (sender.sa_family == AF_INET) {
        address = reinterpret_cast<const std::uint8_t*>(&reinterpret_cast<const sockaddr_in&>(sender).sin_addr);
    } else if (sender.sa_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(sender).sin6_addr;
        address = reinterpret_cast<const std::uint8_t*>(&in6);
        v6 = !IN6_IS_ADDR_V4MAPPED(&in6);
        if (!v6)
            address += 12; // the IPv4 address inside ::ffff:a.b.c.d
    } else {
        return false;
    }
    for (const AddressRange& range : ranges_)
        if (range.v6 == v6 && prefixMatches(range.bytes.data(), address, range.prefix_bits))
            return true;
    return false;
}

} // namespace streamscope
