#pragma once

#include "core/processing/alert_rule.h"
#include "core/session/session_config.h"
#include "widgets/live_session.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace streamscope::widgets {

// Parses rules in the command line's language, one per entry (blank ones skipped), into `parsed`; on the
// first bad one returns "rule N: <parser message>".
[[nodiscard]] std::optional<std::string> parseRuleList(const QStringList& rules, std::vector<AlertRule>& parsed);

// The desktop app's session: the session configuration (the same file format as `--session`) and the
// engine running it. Sources are fixed once an engine starts, so changing them starts a new engine;
// when that fails (a port in use) the previous one is started again and the error returned. Rules and
// windows are edited in place. The plot area's layout travels in the file's "gui" section through
// setLayoutHooks().
class SessionController : public QObject {
    Q_OBJECT
public:
    using SaveLayout = std::function<QJsonObject()>;
    using RestoreLayout = std::function<bool(const QJsonObject& layout, QString* error)>;

    explicit SessionController(QObject* parent = nullptr);
    ~SessionController() override;

    [[nodiscard]] const SessionConfig& config() const { return config_; }
    [[nodiscard]] LiveSession* live() const { return live_.get(); }
    [[nodiscard]] bool connected() const { return live_ != nullptr; }

    // Runs `config`; on failure keeps (and restarts) the previous session and returns the message.
    std::optional<std::string> apply(const SessionConfig& config);
    std::optional<std::string> addSource(const SourceConfig& source);
    std::optional<std::string> startDemo();
    // Starts the session's sources again after disconnect().
    std::optional<std::string> connectSources();
    void disconnectSources();
    // Parses every rule (the command line's language); on the first bad one returns "rule N: <parser
    // message>" and changes nothing. Otherwise the running engine switches to them at its next tick.
    std::optional<std::string> setRules(const QStringList& rules);

    void setLayoutHooks(SaveLayout save, RestoreLayout restore);
    // Writes the session file, with the layout in its "gui" section.
    std::optional<std::string> save(const QString& path);
    // Reads a session file (every problem, one per line, on failure), restores the layout and runs it.
    std::optional<std::string> load(const QString& path);
    [[nodiscard]] const QString& path() const { return path_; }

Q_SIGNALS:
    // Before the running engine is stopped and destroyed: let go of everything that points into it.
    void sessionStopping();
    // A new engine runs (nullptr after disconnect).
    void sessionStarted(streamscope::widgets::LiveSession* session);
    void pathChanged(const QString& path);

private:
    void stopLive();
    std::optional<std::string> startLive(const SessionConfig& config);

    SessionConfig config_;
    std::unique_ptr<LiveSession> live_;
    SaveLayout save_layout_;
    RestoreLayout restore_layout_;
    QString path_;
};

} // namespace streamscope::widgets
