#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace streamscope {

[[nodiscard]] constexpr bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// `text` without leading and trailing spaces, tabs and carriage returns.
[[nodiscard]] std::string_view trimBlanks(std::string_view text);

[[nodiscard]] bool isValidUtf8(std::string_view text);

// Valid UTF-8 without control characters (tab allowed): text a user could have meant as a name. Keeps
// random bytes from being taken for a CSV header or a format to lock onto.
[[nodiscard]] bool isPrintableText(std::string_view text);

// Builds an error detail in a buffer reused across lines, so counting an error stops allocating once the
// buffer has grown. Quoted values are cut to a readable length, and bytes that would garble a message
// (control characters, broken UTF-8) are shown as \xNN.
class ErrorDetail {
public:
    ErrorDetail& start(std::string_view text)
    {
        text_.assign(text);
        return *this;
    }
    ErrorDetail& add(std::string_view text)
    {
        text_.append(text);
        return *this;
    }
    ErrorDetail& add(std::size_t number);
    ErrorDetail& quoted(std::string_view value);

    [[nodiscard]] std::string_view view() const { return text_; }

private:
    std::string text_;
};

} // namespace streamscope
