#include "core/protocol/text_scan.h"

#include <algorithm>
#include <charconv>

namespace streamscope {

namespace {

bool isControl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

} // namespace

std::string_view trimBlanks(std::string_view text)
{
    while (!text.empty() && (isBlank(text.front()) || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (isBlank(text.back()) || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        struct Shape {
            std::size_t length;
            unsigned payload_mask;
            char32_t smallest; // anything below is an overlong encoding
        };
        Shape shape{};
        if ((lead >> 5) == 0x6)
            shape = {2, 0x1F, 0x80};
        else if ((lead >> 4) == 0xE)
            shape = {3, 0x0F, 0x800};
        else if ((lead >> 3) == 0x1E)
            shape = {4, 0x07, 0x10000};
        else
            return false;
        const std::size_t length = shape.length;
        char32_t code_point = lead & shape.payload_mask;
        if (text.size() - i < length)
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0U) != 0x80)
                return false;
            code_point = (code_point << 6) | (next & 0x3FU);
        }
        if (code_point < shape.smallest || code_point > 0x10FFFF
            || (code_point >= 0xD800 && code_point <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

bool isPrintableText(std::string_view text)
{
    for (const char c : text) {
        if (isControl(static_cast<unsigned char>(c)))
            return false;
    }
    return isValidUtf8(text);
}

ErrorDetail& ErrorDetail::add(std::size_t number)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    text_.append(digits, result.ptr);
    return *this;
}

ErrorDetail& ErrorDetail::quoted(std::string_view value)
{
    constexpr std::size_t kShown = 48;
    std::size_t shown = std::min(value.size(), kShown);
    // Cut on a character boundary so that a valid name stays readable.
    while (shown > 0 && shown < value.size() && (static_cast<unsigned char>(value[shown]) & 0xC0U) == 0x80)
        --shown;
    const bool cut = shown < value.size();
    value = value.substr(0, shown);
    const bool escape_high_bytes = !isValidUtf8(value);

    text_.push_back('\'');
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (isControl(byte) || (escape_high_bytes && byte >= 0x80)) {
            constexpr char kHex[] = "0123456789ABCDEF";
            const char escaped[] = {'\\', 'x', kHex[byte >> 4], kHex[byte & 0xFU]};
            text_.append(escaped, sizeof escaped);
        } else {
            text_.push_back(c);
        }
    }
    text_.append(cut ? "...'" : "'");
    return *this;
}

} // namespace streamscope
