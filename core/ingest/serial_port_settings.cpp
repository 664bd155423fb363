#include "core/ingest/serial_port_settings.h"

#include <charconv>
#include <tuple>

namespace streamscope {

namespace {

bool allDigits(std::string_view s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "8N1", "7E2": data bits, parity, stop bits.
bool isCharacterFormat(std::string_view s)
{
    return s.size() == 3 && s[0] >= '5' && s[0] <= '8'
        && std::string_view("NEOneo").find(s[1]) != std::string_view::npos
        && (s[2] == '1' || s[2] == '2');
}

std::optional<FlowControl> parseFlowControl(std::string_view s)
{
    if (s == "none")
        return FlowControl::None;
    if (s == "rtscts")
        return FlowControl::Hardware;
    if (s == "xonxoff")
        return FlowControl::Software;
    return std::nullopt;
}

std::string_view flowControlName(FlowControl flow)
{
    switch (flow) {
    case FlowControl::None: return "none";
    case FlowControl::Hardware: return "rtscts";
    case FlowControl::Software: return "xonxoff";
    }
    return "none";
}

// Splits "a:b" at its last colon into {"a", "b"}; no colon: {s, ""} with found = false.
std::pair<std::string_view, std::string_view> splitLast(std::string_view s, bool& found)
{
    const std::size_t colon = s.rfind(':');
    found = colon != std::string_view::npos;
    if (!found)
        return {s, {}};
    return {s.substr(0, colon), s.substr(colon + 1)};
}

} // namespace

std::string SerialPortSettings::toString() const
{
    std::string text = device + ":" + std::to_string(baud_rate) + ":" + std::to_string(data_bits)
        + static_cast<char>(parity) + std::to_string(stop_bits);
    if (flow_control != FlowControl::None)
        text += ":" + std::string(flowControlName(flow_control));
    return text;
}

std::optional<SerialPortSettings> parseSerialPortSettings(std::string_view text, std::string& error)
{
    SerialPortSettings settings;
    const std::string original(text);
    const auto fail = [&](const std::string& why) {
        error = "bad --serial '" + original + "': " + why;
        return std::nullopt;
    };
    bool found = false;
    auto [rest, last] = splitLast(text, found);
    if (found) {
        if (const auto flow = parseFlowControl(last)) {
            settings.flow_control = *flow;
            text = rest;
            std::tie(rest, last) = splitLast(text, found);
        }
    }
    if (found && isCharacterFormat(last)) {
        settings.data_bits = static_cast<unsigned>(last[0] - '0');
        const char parity = static_cast<char>(last[1] & ~0x20); // upper case
        settings.parity = parity == 'E' ? Parity::Even : parity == 'O' ? Parity::Odd : Parity::None;
        settings.stop_bits = static_cast<unsigned>(last[2] - '0');
        text = rest;
        std::tie(rest, last) = splitLast(text, found);
    }
    if (found && allDigits(last)) {
        unsigned baud = 0;
        const auto [end, ec] = std::from_chars(last.data(), last.data() + last.size(), baud);
        if (ec != std::errc{} || end != last.data() + last.size() || baud < 50 || baud > 20'000'000)
            return fail("baud rate '" + std::string(last) + "' out of range (50 to 20000000)");
        settings.baud_rate = baud;
        text = rest;
    }
    if (text.empty())
        return fail("no device path (expected DEV[:BAUD[:8N1[:FLOW]]], e.g. /dev/ttyUSB0:115200)");
    settings.device = std::string(text);
    return settings;
}

} // namespace streamscope
