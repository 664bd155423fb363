#include "widgets/session_controller.h"

#include "core/processing/alert_rule_parser.h"
#include "core/session/session_loader.h"
#include "core/session/session_saver.h"

#include <QFile>
#include <QSaveFile>

namespace streamscope::widgets {

namespace {
const QString kLayoutKey = QStringLiteral("layout");
}

SessionController::SessionController(QObject* parent) : QObject(parent) {}

SessionController::~SessionController() { stopLive(); }

void SessionController::stopLive()
{
    if (!live_)
        return;
    Q_EMIT sessionStopping();
    live_.reset();
}

std::optional<std::string> SessionController::startLive(const SessionConfig& config)
{
    std::string error;
    live_ = LiveSession::start(config, error);
    if (!live_)
        return error;
    Q_EMIT sessionStarted(live_.get());
    return std::nullopt;
}

std::optional<std::string> SessionController::apply(const SessionConfig& config)
{
    const bool was_connected = connected();
    stopLive(); // the old engine must let go of its ports first
    if (config.sources.empty()) {
        config_ = config;
        Q_EMIT sessionStarted(nullptr);
        return std::nullopt;
    }
    if (auto failure = startLive(config)) {
        if (was_connected && !config_.sources.empty())
            (void)startLive(config_);
        else
            Q_EMIT sessionStarted(nullptr);
        return failure;
    }
    config_ = config;
    return std::nullopt;
}

std::optional<std::string> SessionController::addSource(const SourceConfig& source)
{
    SessionConfig config = config_;
    config.sources.push_back(source);
    return apply(config);
}

std::optional<std::string> SessionController::startDemo()
{
    SessionConfig config = config_;
    config.sources.clear();
    SourceConfig demo;
    demo.type = SourceType::Demo;
    config.sources.push_back(demo);
    return apply(config);
}

std::optional<std::string> SessionController::connectSources()
{
    if (connected())
        return std::nullopt;
    if (config_.sources.empty())
        return std::string("no source to connect: add one first");
    return apply(config_);
}

void SessionController::disconnectSources()
{
    stopLive();
    Q_EMIT sessionStarted(nullptr);
}

std::optional<std::string> parseRuleList(const QStringList& rules, std::vector<AlertRule>& parsed)
{
    parsed.clear();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString text = rules[i].trimmed();
        if (text.isEmpty())
            continue;
        std::string error;
        auto rule = parseAlertRule(text.toStdString(), error);
        if (!rule)
            return "rule " + std::to_string(i + 1) + ": " + error;
        parsed.push_back(std::move(*rule));
    }
    return std::nullopt;
}

std::optional<std::string> SessionController::setRules(const QStringList& rules)
{
    std::vector<AlertRule> parsed;
    if (auto failure = parseRuleList(rules, parsed))
        return failure;
    config_.alerts = parsed;
    if (live_)
        live_->setRules(std::move(parsed));
    return std::nullopt;
}

void SessionController::setLayoutHooks(SaveLayout save, RestoreLayout restore)
{
    save_layout_ = std::move(save);
    restore_layout_ = std::move(restore);
}

std::optional<std::string> SessionController::save(const QString& path)
{
    if (save_layout_)
        config_.gui.insert(kLayoutKey, save_layout_());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(saveSession(config_)) < 0 || !file.commit())
        return "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
    path_ = path;
    Q_EMIT pathChanged(path_);
    return std::nullopt;
}

std::optional<std::string> SessionController::load(const QString& path)
{
    SessionLoadResult result = loadSessionFile(path.toStdString());
    if (!result.config) {
        std::string message;
        for (const SessionProblem& problem : result.problems)
            message += (message.empty() ? "" : "\n") + path.toStdString() + ": " + problem.toString();
        return message;
    }
    const SessionConfig& config = *result.config;
    if (restore_layout_ && config.gui.contains(kLayoutKey)) {
        QString error;
        if (!restore_layout_(config.gui.value(kLayoutKey).toObject(), &error))
            return path.toStdString() + ": gui.layout: " + error.toStdString();
    }
    if (auto failure = apply(config))
        return path.toStdString() + ": " + *failure;
    path_ = path;
    Q_EMIT pathChanged(path_);
    return std::nullopt;
}

} // namespace streamscope::widgets
