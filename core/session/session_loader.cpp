#include "core/session/session_loader.h"

#include "core/processing/alert_rule_parser.h"
#include "core/session/duration.h"
#include "core/session/source_config_reader.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

#include <charconv>
#include <set>

namespace streamscope {

namespace {

std::string indexed(const char* key, qsizetype index)
{
    return std::string(key) + "[" + std::to_string(index) + "]";
}

// "100MB", "1GiB", "500kB" or a bare number of bytes.
std::optional<std::uint64_t> parseSize(std::string_view text)
{
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc{} || number <= 0)
        return std::nullopt;
    const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    static constexpr std::pair<std::string_view, double> kUnits[] = {
        {"", 1.0},         {"B", 1.0},           {"kB", 1e3},          {"MB", 1e6},
        {"GB", 1e9},       {"KiB", 1024.0},      {"MiB", 1048576.0},   {"GiB", 1073741824.0}};
    for (const auto& [name, scale] : kUnits)
        if (unit == name && number * scale < 1.8e19)
            return static_cast<std::uint64_t>(number * scale);
    return std::nullopt;
}

void readChannels(const QJsonArray& array, SessionConfig& config, std::vector<SessionProblem>& problems)
{
    std::set<std::string> names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string path = indexed("channels", i);
        if (!array[i].isObject()) {
            addProblem(problems, path, "a channel object with a \"name\"", array[i]);
            continue;
        }
        JsonFieldReader reader(array[i].toObject(), path, problems);
        ChannelConfig channel;
        if (const auto name = reader.text("name", true)) {
            channel.name = *name;
            if (!names.insert(*name).second)
                problems.push_back({reader.pathOf("name"), "channel \"" + *name + "\" is described twice"});
        }
        channel.display_name = reader.text("display_name", false, true).value_or("");
        channel.unit = reader.text("unit", false, true).value_or("");
        if (const auto scale = reader.number("scale", -1e15, 1e15, false)) {
            if (*scale == 0.0) // would turn every value into the offset: surely a typo
                reader.problem("scale", "a non-zero number from -1e+15 to 1e+15");
            else
                channel.scale = *scale;
        }
        channel.offset = reader.number("offset", -1e15, 1e15, false).value_or(0.0);
        reader.rejectUnknownKeys();
        config.channels.push_back(std::move(channel));
    }
}

void readStatistics(JsonFieldReader& section, SessionConfig& config, std::vector<SessionProblem>& problems)
{
    const auto windows = section.array("windows", false);
    if (!windows)
        return;
    if (windows->isEmpty())
        problems.push_back({section.pathOf("windows"), "expected at least one window, got []"});
    config.windows.clear();
    for (qsizetype i = 0; i < windows->size(); ++i) {
        const std::string path = section.pathOf("windows") + "[" + std::to_string(i) + "]";
        const QJsonValue value = windows->at(i);
        const auto window = value.isString() ? parseDuration(value.toString().toStdString()) : std::nullopt;
        if (!window || window->count() <= 0)
            addProblem(problems, path, "a time above zero such as \"10s\" or \"500ms\"", value);
        else
            config.windows.push_back(window->count());
    }
}

void readAlerts(const QJsonArray& array, SessionConfig& config, std::vector<SessionProblem>& problems)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string path = indexed("alerts", i);
        if (!array[i].isString()) {
            addProblem(problems, path, "a rule such as \"temp > 30 clear < 28\"", array[i]);
            continue;
        }
        std::string error;
        if (auto rule = parseAlertRule(array[i].toString().toStdString(), error))
            config.alerts.push_back(std::move(*rule));
        else
            problems.push_back({path, error});
    }
}

RecordingConfig readRecording(JsonFieldReader& reader, std::vector<SessionProblem>& problems)
{
    RecordingConfig recording;
    if (const auto path = reader.text("path", false))
        recording.path = *path;
    if (const auto flush = reader.duration("flush_interval", false))
        recording.flush_interval_ns = *flush;
    if (const auto rotate = reader.text("rotate", false)) {
        if (const auto bytes = parseSize(*rotate))
            recording.rotate_bytes = *bytes;
        else if (const auto interval = parseDuration(*rotate); interval && interval->count() > 0)
            recording.rotate_interval_ns = interval->count();
        else
            addProblem(problems, reader.pathOf("rotate"), "a size such as \"100MB\" or a time such as \"1h\"",
                       QJsonValue(QString::fromStdString(*rotate)));
    }
    if (const auto level = reader.integer("compression", 0, 9, false))
        recording.compression = static_cast<int>(*level);
    reader.rejectUnknownKeys();
    return recording;
}

} // namespace

SessionLoadResult parseSession(const QByteArray& json)
{
    SessionLoadResult result;
    auto& problems = result.problems;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(error.offset);
        const auto line = before.count('\n') + 1;
        const auto column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
        problems.push_back({"", "not JSON: " + error.errorString().toStdString() + " at line " + std::to_string(line)
                                    + ", column " + std::to_string(column)});
        return result;
    }
    if (!document.isObject()) {
        problems.push_back({"", "expected a JSON object at the top level"});
        return result;
    }

    SessionConfig config;
    JsonFieldReader top(document.object(), "", problems);
    (void)top.text("$schema", false);
    if (const auto version = top.integer("version", 1, 1, false))
        config.version = static_cast<int>(*version);
    if (const auto sources = top.array("sources", false))
        for (qsizetype i = 0; i < sources->size(); ++i)
            if (auto source = readSourceConfig(sources->at(i), indexed("sources", i), problems))
                config.sources.push_back(std::move(*source));
    if (const auto channels = top.array("channels", false))
        readChannels(*channels, config, problems);
    if (const auto statistics = top.object("statistics", false)) {
        JsonFieldReader section(*statistics, "statistics", problems);
        readStatistics(section, config, problems);
        section.rejectUnknownKeys();
    }
    if (const auto alerts = top.array("alerts", false))
        readAlerts(*alerts, config, problems);
    if (const auto recording = top.object("recording", false)) {
        JsonFieldReader section(*recording, "recording", problems);
        config.recording = readRecording(section, problems);
    }
    if (const auto gui = top.object("gui", false))
        config.gui = *gui;
    top.rejectUnknownKeys();

    if (problems.empty())
        result.config = std::move(config);
    return result;
}

SessionLoadResult loadSessionFile(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        SessionLoadResult result;
        result.problems.push_back({"", "cannot read " + path + ": " + file.errorString().toStdString()});
        return result;
    }
    return parseSession(file.readAll());
}

} // namespace streamscope
