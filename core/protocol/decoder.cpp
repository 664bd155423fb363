#include "core/protocol/decoder.h"

#include "core/protocol/text_scan.h"

namespace streamscope {

void DecodeOutput::add(std::string_view name, TimeNs time_ns, double value)
{
    if (auto id = channel(name))
        add(*id, time_ns, value);
}

std::optional<LocalChannelId> DecodeOutput::channel(std::string_view name)
{
    if (auto known = channels_.find(name))
        return known;
    // Checked only for new names, so the per-sample path pays nothing: line noise must not fill the
    // table (and the UI) with unreadable channels until the cap locks real ones out.
    if (name.empty() || name.size() > kMaxChannelNameLength || !isPrintableText(name)) {
        errors_.count(DecodeError::BadSyntax, "channel name is empty, too long or not printable UTF-8");
        return std::nullopt;
    }
    auto id = channels_.intern(name);
    if (!id)
        errors_.count(DecodeError::TooManyChannels, name);
    return id;
}

std::uint64_t decodeLines(LineDecoder& decoder, std::string_view text, TimeNs receive_time_ns, DecodeOutput& out)
{
    std::uint64_t frames = 0;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        // Only a line that starts with a blank or CR can be blank; the others skip the scan.
        const bool may_be_blank = line.empty() || isBlank(line.front()) || line.front() == '\r';
        if (may_be_blank && line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        ++frames;
        decoder.decodeLine(line, receive_time_ns, out);
    }
    return frames;
}

} // namespace streamscope
