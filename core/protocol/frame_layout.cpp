#include "core/protocol/frame_layout.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace streamscope {

namespace {

std::optional<double> parseDoublePrefix(std::string_view& text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || !std::isfinite(value))
        return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
}

std::optional<std::vector<std::uint8_t>> parseHex(std::string_view hex)
{
    if (hex.starts_with("0x") || hex.starts_with("0X"))
        hex.remove_prefix(2);
    if (hex.empty() || hex.size() % 2 != 0)
        return std::nullopt;
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
        if (ec != std::errc{} || end != hex.data() + i + 2)
            return std::nullopt;
        bytes.push_back(static_cast<std::uint8_t>(value));
    }
    return bytes;
}

} // namespace

std::optional<FieldType> parseFieldType(std::string_view name)
{
    static constexpr std::pair<std::string_view, FieldType> kTypes[] = {
        {"u8", FieldType::U8},   {"i8", FieldType::I8},   {"u16", FieldType::U16}, {"i16", FieldType::I16},
        {"u32", FieldType::U32}, {"i32", FieldType::I32}, {"u64", FieldType::U64}, {"i64", FieldType::I64},
        {"f32", FieldType::F32}, {"f64", FieldType::F64},
    };
    for (const auto& [text, type] : kTypes)
        if (text == name)
            return type;
    return std::nullopt;
}

std::string_view fieldTypeName(FieldType type)
{
    static constexpr std::string_view kNames[] = {"u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64"};
    return kNames[static_cast<std::size_t>(type)];
}

std::size_t fieldTypeSize(FieldType type)
{
    static constexpr std::size_t kSizes[] = {1, 1, 2, 2, 4, 4, 8, 8, 4, 8};
    return kSizes[static_cast<std::size_t>(type)];
}

std::optional<Framing> parseFraming(std::string_view name)
{
    if (name == "sync")
        return Framing::Sync;
    if (name == "cobs")
        return Framing::Cobs;
    if (name == "slip")
        return Framing::Slip;
    return std::nullopt;
}

std::string_view framingName(Framing framing)
{
    switch (framing) {
    case Framing::Sync: return "sync";
    case Framing::Cobs: return "cobs";
    case Framing::Slip: return "slip";
    }
    return "unknown";
}

std::optional<FrameLayout> parseFrameLayout(std::string_view spec, std::string& error)
{
    FrameLayout layout;
    layout.text = std::string(spec);
    ByteOrder order = ByteOrder::Little;
    std::size_t offset = 0;
    bool seen_field = false;
    bool seen_checksum = false;
    const auto fail = [&](std::string_view token, std::string_view why) {
        error = "bad --frame token '" + std::string(token) + "': " + std::string(why);
        return std::nullopt;
    };

    std::size_t start = 0;
    while (start < spec.size()) {
        if (spec[start] == ' ' || spec[start] == '\t') {
            ++start;
            continue;
        }
        std::size_t end = spec.find_first_of(" \t", start);
        if (end == std::string_view::npos)
            end = spec.size();
        const std::string_view token = spec.substr(start, end - start);
        start = end;
        if (seen_checksum)
            return fail(token, "nothing may follow the checksum (crc=... ends the frame)");

        if (token.starts_with("sync=")) {
            if (seen_field || !layout.sync.empty())
                return fail(token, "sync bytes come first, once");
            const auto bytes = parseHex(token.substr(5));
            if (!bytes || bytes->size() > 4)
                return fail(token, "expected 1 to 4 bytes in hex, e.g. sync=AA55");
            layout.sync = *bytes;
            offset = layout.sync.size();
        } else if (token == "le" || token == "be") {
            order = token == "le" ? ByteOrder::Little : ByteOrder::Big;
        } else if (token.starts_with("len=")) {
            if (layout.length)
                return fail(token, "only one length field");
            const auto type = parseFieldType(token.substr(4));
            if (type != FieldType::U8 && type != FieldType::U16)
                return fail(token, "expected len=u8 or len=u16");
            layout.length = FrameField{*type, order, offset, "len", 1.0, 0.0};
            offset += fieldTypeSize(*type);
            layout.length_end = offset;
            seen_field = true;
        } else if (token.starts_with("time=")) {
            if (layout.time)
                return fail(token, "only one time field");
            const std::string_view rest = token.substr(5);
            const std::size_t colon = rest.find(':');
            const auto type = parseFieldType(rest.substr(0, colon));
            const auto unit = colon == std::string_view::npos ? std::nullopt : parseTimeUnit(rest.substr(colon + 1));
            if (!type || !unit)
                return fail(token, "expected time=TYPE:UNIT, e.g. time=u64:us, time=u32:ms, time=f64:s");
            layout.time = FrameField{*type, order, offset, "time", 1.0, 0.0};
            layout.time_unit = *unit;
            offset += fieldTypeSize(*type);
            seen_field = true;
        } else if (token.starts_with("crc=")) {
            const auto kind = parseChecksumKind(token.substr(4));
            if (!kind)
                return fail(token, "expected crc=xor8, sum8, crc16-ccitt, crc16-modbus or crc32");
            layout.checksum = *kind;
            layout.checksum_order = order;
            offset += checksumSize(*kind);
            seen_checksum = true;
        } else if (token.starts_with("pad:")) {
            unsigned count = 0;
            const std::string_view digits = token.substr(4);
            const auto [end_ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
            if (ec != std::errc{} || end_ptr != digits.data() + digits.size() || count < 1 || count > 1024)
                return fail(token, "expected pad:N with N from 1 to 1024 bytes");
            offset += count;
            seen_field = true;
        } else {
            const std::size_t colon = token.find(':');
            if (colon == std::string_view::npos)
                return fail(token,
                            "expected sync=HEX, le, be, TYPE:NAME, pad:N, len=u8|u16, time=TYPE:UNIT or crc=NAME");
            const auto type = parseFieldType(token.substr(0, colon));
            if (!type)
                return fail(token, "unknown type; expected u8 i8 u16 i16 u32 i32 u64 i64 f32 f64");
            std::string_view rest = token.substr(colon + 1);
            const std::size_t name_end = std::min(rest.find_first_of("*+"), rest.size());
            FrameField field{*type, order, offset, std::string(rest.substr(0, name_end)), 1.0, 0.0};
            rest.remove_prefix(name_end);
            if (field.name.empty())
                return fail(token, "the field needs a name");
            if (rest.starts_with('*')) {
                rest.remove_prefix(1);
                const auto scale = parseDoublePrefix(rest);
                if (!scale)
                    return fail(token, "expected a number after '*'");
                field.scale = *scale;
            }
            if (rest.starts_with('+') || rest.starts_with('-')) {
                const bool negative = rest.front() == '-';
                rest.remove_prefix(1);
                const auto add = parseDoublePrefix(rest);
                if (!add)
                    return fail(token, "expected a number after '+'");
                field.add = negative ? -*add : *add;
            }
            if (!rest.empty())
                return fail(token, "expected TYPE:NAME, TYPE:NAME*SCALE or TYPE:NAME*SCALE+OFFSET");
            const bool duplicate = std::any_of(layout.fields.begin(), layout.fields.end(),
                                               [&](const FrameField& f) { return f.name == field.name; });
            if (duplicate)
                return fail(token, "a field of that name is already declared");
            offset += fieldTypeSize(*type);
            layout.fields.push_back(std::move(field));
            seen_field = true;
        }
    }
    if (layout.fields.empty()) {
        error = "bad --frame '" + layout.text + "': declares no value field (e.g. f32:temp)";
        return std::nullopt;
    }
    layout.declared_size = offset;
    if (layout.declared_size > layout.max_frame_bytes) {
        error = "bad --frame '" + layout.text + "': frames longer than "
            + std::to_string(layout.max_frame_bytes) + " bytes are not supported";
        return std::nullopt;
    }
    if (layout.length && layout.length->type == FieldType::U8 && layout.minimumLengthValue() > 255) {
        error = "bad --frame '" + layout.text + "': the fields after len=u8 need more than 255 bytes";
        return std::nullopt;
    }
    return layout;
}

} // namespace streamscope
