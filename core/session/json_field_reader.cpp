#include "core/session/json_field_reader.h"

#include "core/session/duration.h"

#include <QJsonDocument>

#include <cmath>

namespace streamscope {

std::string describeJson(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return value.toBool() ? "true" : "false";
    case QJsonValue::Double: {
        // Through a one-element array, so the number reads exactly as JSON writes it.
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return json.mid(1, json.size() - 2).toStdString();
    }
    case QJsonValue::String: {
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return json.mid(1, json.size() - 2).toStdString();
    }
    case QJsonValue::Array: return "an array";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Undefined: return "nothing";
    }
    return "nothing";
}

void addProblem(std::vector<SessionProblem>& problems, std::string path, const std::string& expected,
                const QJsonValue& got)
{
    problems.push_back({std::move(path), "expected " + expected + ", got " + describeJson(got)});
}

JsonFieldReader::JsonFieldReader(QJsonObject object, std::string path, std::vector<SessionProblem>& problems)
    : object_(std::move(object)), path_(std::move(path)), problems_(problems)
{
}

bool JsonFieldReader::has(const char* key) const
{
    return object_.contains(QLatin1String(key));
}

std::string JsonFieldReader::pathOf(const char* key) const
{
    return path_.empty() ? std::string(key) : path_ + "." + key;
}

void JsonFieldReader::problem(const char* key, const std::string& expected)
{
    read_.insert(QLatin1String(key)); // reported once, not again as unknown
    addProblem(problems_, pathOf(key), expected, object_.value(QLatin1String(key)));
}

QJsonValue JsonFieldReader::take(const char* key, bool required, const std::string& expected)
{
    const QString name = QLatin1String(key);
    read_.insert(name);
    if (!object_.contains(name)) {
        if (required)
            problems_.push_back({pathOf(key), "missing: expected " + expected});
        return QJsonValue(QJsonValue::Undefined);
    }
    return object_.value(name);
}

std::optional<std::string> JsonFieldReader::text(const char* key, bool required, bool allow_empty)
{
    const std::string expected = allow_empty ? "a string" : "a non-empty string";
    const QJsonValue value = take(key, required, expected);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isString() || (!allow_empty && value.toString().isEmpty())) {
        problem(key, expected);
        return std::nullopt;
    }
    return value.toString().toStdString();
}

std::optional<long long> JsonFieldReader::integer(const char* key, long long min, long long max, bool required)
{
    const std::string expected = min == max ? "the integer " + std::to_string(min)
                                            : "an integer " + std::to_string(min) + "-" + std::to_string(max);
    const QJsonValue value = take(key, required, expected);
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || std::floor(number) != number || number < static_cast<double>(min)
        || number > static_cast<double>(max)) {
        problem(key, expected);
        return std::nullopt;
    }
    return static_cast<long long>(number);
}

std::optional<double> JsonFieldReader::number(const char* key, double min, double max, bool required)
{
    char range[96];
    std::snprintf(range, sizeof range, "a number from %g to %g", min, max);
    const QJsonValue value = take(key, required, range);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !(value.toDouble() >= min && value.toDouble() <= max)) {
        problem(key, range);
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<bool> JsonFieldReader::boolean(const char* key)
{
    const QJsonValue value = take(key, false, "true or false");
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        problem(key, "true or false");
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<std::string> JsonFieldReader::choice(const char* key, std::initializer_list<const char*> words,
                                                   bool required)
{
    std::string expected = "one of";
    for (const char* word : words)
        expected += std::string(expected.size() > 6 ? ", " : " ") + "\"" + word + "\"";
    const QJsonValue value = take(key, required, expected);
    if (value.isUndefined())
        return std::nullopt;
    for (const char* word : words)
        if (value.isString() && value.toString() == QLatin1String(word))
            return std::string(word);
    problem(key, expected);
    return std::nullopt;
}

std::optional<long long> JsonFieldReader::duration(const char* key, bool required)
{
    const std::string expected = "a time such as \"500ms\", \"10s\" or \"1m\"";
    const QJsonValue value = take(key, required, expected);
    if (value.isUndefined())
        return std::nullopt;
    std::optional<std::chrono::nanoseconds> parsed;
    if (value.isString())
        parsed = parseDuration(value.toString().toStdString());
    else if (value.isDouble() && value.toDouble() >= 0 && value.toDouble() < 9.2e9)
        parsed = std::chrono::nanoseconds(static_cast<long long>(std::llround(value.toDouble() * 1e9)));
    if (!parsed || parsed->count() <= 0) {
        problem(key, expected);
        return std::nullopt;
    }
    return parsed->count();
}

std::optional<QJsonArray> JsonFieldReader::array(const char* key, bool required)
{
    const QJsonValue value = take(key, required, "an array");
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray()) {
        problem(key, "an array");
        return std::nullopt;
    }
    return value.toArray();
}

std::optional<QJsonObject> JsonFieldReader::object(const char* key, bool required)
{
    const QJsonValue value = take(key, required, "an object");
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isObject()) {
        problem(key, "an object");
        return std::nullopt;
    }
    return value.toObject();
}

void JsonFieldReader::rejectUnknownKeys()
{
    for (auto it = object_.begin(); it != object_.end(); ++it)
        if (!read_.contains(it.key()))
            problems_.push_back({pathOf(it.key().toStdString().c_str()), "unknown key"});
}

} // namespace streamscope
