#include "core/protocol/json_line_decoder.h"

#include "core/protocol/number_parsing.h"

#include <charconv>

namespace streamscope {

namespace {

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool endsScalar(char c)
{
    return c == ',' || c == '}' || c == ']' || isJsonWhitespace(c);
}

std::optional<double> numberOrBoolean(std::string_view token)
{
    if (token == "true")
        return 1.0;
    if (token == "false")
        return 0.0;
    return parseDouble(token);
}

std::optional<char32_t> hexQuad(std::string_view text)
{
    if (text.size() < 4)
        return std::nullopt;
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + 4, value, 16);
    if (ec != std::errc{} || ptr != text.data() + 4)
        return std::nullopt;
    return static_cast<char32_t>(value);
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

} // namespace

void JsonLineDecoder::decodeLine(std::string_view line, TimeNs receive_time_ns, DecodeOutput& out)
{
    text_ = line;
    pos_ = 0;
    out_ = &out;
    receive_time_ns_ = receive_time_ns;
    time_seen_ = false;
    line_time_.reset();
    path_.clear();

    auto& samples = out.batch().samples;
    const std::size_t first_sample = samples.size();
    skipWhitespace();
    bool ok
        = pos_ < text_.size() && text_[pos_] == '{' ? parseObject(1) : fail("the line is not a JSON object");
    if (ok) {
        skipWhitespace();
        ok = pos_ == text_.size() || fail("text after the object");
    }
    if (!ok) {
        samples.resize(first_sample);
        out.error(DecodeError::BadSyntax,
            detail_.start(error_).add(" at byte ").add(pos_).add(": ").quoted(text_.substr(pos_)).view());
        return;
    }

    if (time_key_.empty())
        return;
    if (line_time_) {
        for (std::size_t i = first_sample; i < samples.size(); ++i)
            samples[i].time_ns = *line_time_;
    } else if (!time_seen_) {
        out.error(DecodeError::MissingField,
            detail_.start("time key ").quoted(time_key_).add(" is missing").view());
    }
}

bool JsonLineDecoder::parseValue(int depth)
{
    skipWhitespace();
    if (pos_ == text_.size())
        return fail("a value is missing");
    switch (text_[pos_]) {
    case '{': return parseObject(depth + 1);
    case '[': return parseArray(depth + 1);
    case '"': {
        const std::size_t start = pos_ + 1;
        if (!skipString())
            return false;
        if (atTimeKey())
            takeTimestamp(text_.substr(start, pos_ - 1 - start));
        else
            out_->error(DecodeError::NonNumericValue,
                detail_.start("key ").quoted(path_).add(" holds a string").view());
        return true;
    }
    default: return parseScalar();
    }
}

bool JsonLineDecoder::parseObject(int depth)
{
    if (depth > kMaxDepth)
        return fail("objects and arrays nested too deep");
    ++pos_; // '{'
    skipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
    }
    const std::size_t base = path_.size();
    while (true) {
        skipWhitespace();
        if (pos_ == text_.size() || text_[pos_] != '"')
            return fail("expected a key");
        if (base > 0)
            path_.push_back('.');
        if (!appendKey())
            return false;
        skipWhitespace();
        if (pos_ == text_.size() || text_[pos_] != ':')
            return fail("expected ':' after a key");
        ++pos_;
        if (!parseValue(depth))
            return false;
        path_.resize(base);

        skipWhitespace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
        } else if (pos_ < text_.size() && text_[pos_] == '}') {
            ++pos_;
            return true;
        } else {
            return fail("expected ',' or '}'");
        }
    }
}

bool JsonLineDecoder::parseArray(int depth)
{
    if (depth > kMaxDepth)
        return fail("objects and arrays nested too deep");
    ++pos_; // '['
    skipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
    }
    const std::size_t base = path_.size();
    for (std::size_t index = 0;; ++index) {
        char digits[24];
        const auto written = std::to_chars(digits, digits + sizeof digits, index);
        path_.push_back('[');
        path_.append(digits, written.ptr).push_back(']');
        if (!parseValue(depth))
            return false;
        path_.resize(base);

        skipWhitespace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
        } else if (pos_ < text_.size() && text_[pos_] == ']') {
            ++pos_;
            return true;
        } else {
            return fail("expected ',' or ']'");
        }
    }
}

bool JsonLineDecoder::appendKey()
{
    ++pos_; // opening quote
    while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c == '"') {
            ++pos_;
            return true;
        }
        if (c == '\\') {
            if (!appendEscape())
                return false;
        } else {
            path_.push_back(c);
            ++pos_;
        }
    }
    return fail("unterminated key");
}

bool JsonLineDecoder::appendEscape()
{
    if (pos_ + 1 >= text_.size())
        return fail("unterminated escape");
    const char kind = text_[pos_ + 1];
    pos_ += 2;
    switch (kind) {
    case '"':
    case '\\':
    case '/': path_.push_back(kind); return true;
    case 'b': path_.push_back('\b'); return true;
    case 'f': path_.push_back('\f'); return true;
    case 'n': path_.push_back('\n'); return true;
    case 'r': path_.push_back('\r'); return true;
    case 't': path_.push_back('\t'); return true;
    case 'u': break;
    default: pos_ -= 2; return fail("invalid escape");
    }

    const auto unit = hexQuad(text_.substr(pos_));
    if (!unit)
        return fail("invalid \\u escape");
    pos_ += 4;
    char32_t code_point = *unit;
    constexpr char32_t kReplacement = 0xFFFD;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
        const auto low = text_.substr(pos_, 2) == "\\u" ? hexQuad(text_.substr(pos_ + 2)) : std::nullopt;
        if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
            pos_ += 6;
        } else {
            code_point = kReplacement;
        }
    } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
        code_point = kReplacement;
    }
    appendUtf8(path_, code_point);
    return true;
}

bool JsonLineDecoder::skipString()
{
    ++pos_; // opening quote
    while (pos_ < text_.size()) {
        if (text_[pos_] == '"') {
            ++pos_;
            return true;
        }
        pos_ += text_[pos_] == '\\' ? 2 : 1;
    }
    pos_ = text_.size();
    return fail("unterminated string");
}

bool JsonLineDecoder::parseScalar()
{
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !endsScalar(text_[pos_]))
        ++pos_;
    const std::string_view token = text_.substr(start, pos_ - start);
    if (token.empty()) {
        pos_ = start;
        return fail("a value is missing");
    }
    if (atTimeKey()) {
        takeTimestamp(token);
        return true;
    }

    if (token == "null") {
        out_->error(DecodeError::NonNumericValue, detail_.start("key ").quoted(path_).add(" is null").view());
        return true;
    }
    const auto value = numberOrBoolean(token);
    if (!value) {
        pos_ = start;
        return fail("not a JSON value");
    }
    out_->add(path_, receive_time_ns_, *value);
    return true;
}

bool JsonLineDecoder::fail(std::string_view what)
{
    error_ = what;
    return false;
}

void JsonLineDecoder::skipWhitespace()
{
    while (pos_ < text_.size() && isJsonWhitespace(text_[pos_]))
        ++pos_;
}

void JsonLineDecoder::takeTimestamp(std::string_view text)
{
    time_seen_ = true;
    line_time_ = parseTimestamp(trimBlanks(text), time_unit_);
    if (!line_time_)
        out_->error(
            DecodeError::BadTimestamp, detail_.start("time ").quoted(text).add(" is not a timestamp").view());
}

} // namespace streamscope
