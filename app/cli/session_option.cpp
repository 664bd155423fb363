#include "app/cli/session_option.h"

#include "app/cli/command.h"
#include "core/session/session_loader.h"

namespace streamscope::cli {

void addSessionOption(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("session"),
                      QStringLiteral("Sources, statistics windows and alert rules from a session file; "
                                     "--udp/--serial/--demo, --window and --alert override its parts."),
                      QStringLiteral("FILE")});
}

std::optional<SessionConfig> readSessionOption(const QCommandLineParser& parser, bool& failed)
{
    if (!parser.isSet(QStringLiteral("session")))
        return std::nullopt;
    const std::string path = parser.value(QStringLiteral("session")).toStdString();
    SessionLoadResult result = loadSessionFile(path);
    if (result.config)
        return std::move(result.config);
    for (const SessionProblem& problem : result.problems)
        printError(path + ": " + problem.toString());
    failed = true;
    return std::nullopt;
}

bool hasSourceFlags(const QCommandLineParser& parser)
{
    return parser.isSet(QStringLiteral("udp")) || parser.isSet(QStringLiteral("serial")) || parser.isSet(QStringLiteral("demo"));
}

} // namespace streamscope::cli
