#include "core/protocol/packet_framing.h"

namespace streamscope {

namespace {
constexpr std::uint8_t kSlipEsc = 0xDB;
constexpr std::uint8_t kSlipEscEnd = 0xDC;
constexpr std::uint8_t kSlipEscEsc = 0xDD;
} // namespace

void appendCobs(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes)
{
    // Each block is a code byte (1 + the number of non-zero bytes that follow) standing in for the zero
    // that ends the block; a full block (code 0xFF) ends without one.
    std::size_t code_at = out.size();
    out.push_back(0);
    std::uint8_t code = 1;
    const auto closeBlock = [&] {
        out[code_at] = code;
        code_at = out.size();
        out.push_back(0);
        code = 1;
    };
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == 0) {
            closeBlock();
            continue;
        }
        out.push_back(bytes[i]);
        ++code;
        if (code == 0xFF && i + 1 < bytes.size())
            closeBlock();
    }
    out[code_at] = code;
    out.push_back(0);
}

void appendSlip(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes)
{
    for (const std::uint8_t b : bytes) {
        if (b == kSlipEnd) {
            out.push_back(kSlipEsc);
            out.push_back(kSlipEscEnd);
        } else if (b == kSlipEsc) {
            out.push_back(kSlipEsc);
            out.push_back(kSlipEscEsc);
        } else {
            out.push_back(b);
        }
    }
    out.push_back(kSlipEnd);
}

bool decodeCobs(std::span<const std::uint8_t> packet, std::vector<std::uint8_t>& out)
{
    out.clear();
    const std::size_t n = packet.size();
    std::size_t i = 0;
    while (i < n) {
        const std::size_t code = packet[i++];
        if (code == 0 || i + code - 1 > n)
            return false;
        for (std::size_t k = 0; k + 1 < code; ++k, ++i) {
            if (packet[i] == 0)
                return false;
            out.push_back(packet[i]);
        }
        if (code != 0xFF && i < n)
            out.push_back(0);
    }
    return true;
}

bool decodeSlip(std::span<const std::uint8_t> packet, std::vector<std::uint8_t>& out)
{
    out.clear();
    for (std::size_t i = 0; i < packet.size(); ++i) {
        if (packet[i] != kSlipEsc) {
            out.push_back(packet[i]);
            continue;
        }
        if (i + 1 >= packet.size())
            return false;
        const std::uint8_t next = packet[++i];
        if (next != kSlipEscEnd && next != kSlipEscEsc)
            return false;
        out.push_back(next == kSlipEscEnd ? kSlipEnd : kSlipEsc);
    }
    return true;
}

} // namespace streamscope
