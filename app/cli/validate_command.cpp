#include "app/cli/command.h"
#include "core/session/session_loader.h"

#include <QCommandLineParser>

#include <cstdio>

namespace streamscope::cli {

int runValidate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check a session file. Prints every problem, one per line, with its JSON path and the "
                       "expected value.\nExit code 0 when valid, 2 when not."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SESSION"), QStringLiteral("The session file (JSON)."));
    if (const auto exit_code = parseCommandLine(parser, arguments, "validate", "session file"))
        return *exit_code;
    const std::string path = parser.positionalArguments().first().toStdString();
    const SessionLoadResult result = loadSessionFile(path);
    if (!result.config) {
        for (const SessionProblem& problem : result.problems)
            std::fprintf(stderr, "%s: %s\n", path.c_str(), problem.toString().c_str());
        return kExitUsage;
    }
    const SessionConfig& config = *result.config;
    std::printf("%s: valid (%zu sources, %zu channels described, %zu windows, %zu alert rules%s)\n", path.c_str(),
                config.sources.size(), config.channels.size(), config.windows.size(), config.alerts.size(),
                config.recording ? ", recording" : "");
    return kExitOk;
}

} // namespace streamscope::cli
