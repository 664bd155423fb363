#include "app/cli/live_options.h"

#include "app/cli/command.h"
#include "app/cli/processing_options.h"
#include "app/cli/session_option.h"
#include "core/session/session_engine_setup.h"

namespace streamscope::cli {

void addLiveOptions(QCommandLineParser& parser)
{
    addSourceOptions(parser);
    addProcessingOptions(parser);
    addSessionOption(parser);
}

std::optional<LiveSetup> readLiveOptions(const QCommandLineParser& parser)
{
    LiveSetup setup;
    bool session_failed = false;
    setup.session = readSessionOption(parser, session_failed);
    if (session_failed)
        return std::nullopt;
    setup.sources_from_session = setup.session && !hasSourceFlags(parser);
    if (setup.sources_from_session && setup.session->sources.empty()) {
        printError("no source given: the session " + parser.value(QStringLiteral("session")).toStdString()
                   + " has none; add --udp ADDR:PORT, --serial DEV or --demo");
        return std::nullopt;
    }
    std::string error;
    auto sources = readSourceOptions(parser, error, setup.sources_from_session);
    if (!sources) {
        printError(error);
        return std::nullopt;
    }
    setup.sources = std::move(*sources);
    auto processing =
        readProcessingOptions(parser, setup.session ? processingOptionsOf(*setup.session) : ProcessingOptions{}, error);
    if (!processing) {
        printError(error);
        return std::nullopt;
    }
    setup.processing = std::move(*processing);
    return setup;
}

std::optional<std::string> applyLiveSources(const LiveSetup& setup, Engine& engine)
{
    // The session's channel metadata applies whichever sources the channels come from.
    if (setup.session)
        engine.setChannelMetadata(setup.session->channels);
    return setup.sources_from_session ? applySessionSources(*setup.session, engine)
                                      : applySourceSetup(setup.sources, engine);
}

void reportUnusedChannelMetadata(const Engine& engine)
{
    for (const std::string& name : engine.unusedChannelMetadata())
        printError("note: the session describes channel \"" + name
                   + "\", but no source sent a channel of that name (names match exactly)");
}

} // namespace streamscope::cli
