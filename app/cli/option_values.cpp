#include "app/cli/option_values.h"

#include <charconv>
#include <cmath>

namespace streamscope::cli {

namespace {

template<typename Number>
std::optional<Number> parseWhole(const QString& text)
{
    const std::string s = text.toStdString();
    Number value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return value;
}

} // namespace

std::optional<long long> parseIntegerValue(const QString& text) { return parseWhole<long long>(text); }

std::optional<double> parseNumberValue(const QString& text)
{
    const auto value = parseWhole<double>(text);
    return value && std::isfinite(*value) ? value : std::nullopt;
}

std::string quoted(const QString& value)
{
    std::string text = "'";
    text += value.toStdString();
    text += '\'';
    return text;
}

} // namespace streamscope::cli
