#include "app/cli/option_values.h"

#include "app/cli/command.h"

#include <charconv>
#include <cmath>
#include <ctime>

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

namespace {

// "1700000000.123456789" exactly: through a double, nanoseconds of today's times would be rounded.
std::optional<long long> parseEpochSeconds(const std::string& text)
{
    const std::size_t dot = text.find('.');
    const std::string_view whole(text.data(), dot == std::string::npos ? text.size() : dot);
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
    if (whole.empty() || ec != std::errc{} || end != whole.data() + whole.size())
        return std::nullopt;
    long long nanos = 0;
    if (dot != std::string::npos) {
        const std::string_view fraction = std::string_view(text).substr(dot + 1);
        if (fraction.empty() || fraction.size() > 9 ||
            fraction.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        for (std::size_t digit = 0; digit < 9; ++digit)
            nanos = nanos * 10 + (digit < fraction.size() ? fraction[digit] - '0' : 0);
    }
    if (seconds > 9'000'000'000 || seconds < -9'000'000'000) // beyond int64 nanoseconds
        return std::nullopt;
    const bool negative = whole.front() == '-';
    return seconds * 1'000'000'000 + (negative ? -nanos : nanos);
}

} // namespace

std::optional<std::int64_t> parseTimePoint(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    if (text.find('T') == std::string::npos)
        return parseEpochSeconds(text);
    std::tm utc{};
    const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
    if (rest == nullptr)
        return std::nullopt;
    long long nanos = 0;
    if (*rest == '.') {
        ++rest;
        int digits = 0;
        while (*rest >= '0' && *rest <= '9') {
            if (digits < 9) {
                nanos = nanos * 10 + (*rest - '0');
                ++digits;
            }
            ++rest;
        }
        for (; digits < 9; ++digits)
            nanos *= 10;
    }
    if (*rest == 'Z')
        ++rest;
    if (*rest != '\0')
        return std::nullopt;
    return static_cast<long long>(timegm(&utc)) * 1'000'000'000 + nanos;
}

bool readTimeOption(const QCommandLineParser& parser, const char* name, std::optional<std::int64_t>& into)
{
    const QString key = QString::fromLatin1(name);
    if (!parser.isSet(key))
        return true;
    into = parseTimePoint(parser.value(key).toStdString());
    if (!into)
        printError(std::string("bad --") + name + " " + quoted(parser.value(key)) +
                   ": expected epoch seconds or a UTC time such as 2026-11-25T08:30:00Z");
    return into.has_value();
}

} // namespace streamscope::cli
