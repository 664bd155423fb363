#include "app/cli/command.h"
#ifdef STREAMSCOPE_HAS_GUI
#include "app/gui/desktop_app.h"
#endif

#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <cstring>
#include <iostream>

namespace {

constexpr const char* kUsage =
    "Usage: streamscope [--demo | SESSION.json | ARCHIVE.h5]\n"
    "                                            open the desktop app (optionally on the demo stream, a session\n"
    "                                            or an archive to view and replay)\n"
    "       streamscope COMMAND [OPTIONS]        run a headless command\n"
    "\n"
    "Commands:\n"
    "  monitor    live per-channel statistics of a stream in the terminal\n"
    "  generate   send a paced stream of generated frames to a UDP address or a serial device\n"
    "  ports      list serial ports\n"
    "  validate   check a session file, listing every problem\n"
    "  record     record a stream to an HDF5 archive\n"
    "  inspect    show an archive's channels, counts, time range and events\n"
    "  export     write an archive's channels to CSV\n"
    "  overview   per pixel column, the first, last, min and max of an archive's channels (M4)\n"
    "  recover    make an archive of a killed recording openable by every HDF5 tool\n"
    "  replay     replay an archive through statistics and alerts, or send it on over UDP\n"
    "\n"
    "Run 'streamscope COMMAND --help' for a command's options.\n"
    "Exit codes: 0 success, 1 runtime error (e.g. a port in use), 2 bad command line,\n"
    "            3 record: a write error (e.g. a full disk) stopped the recording.\n";

} // namespace

namespace streamscope::cli {

void printError(const std::string& message)
{
    std::fprintf(stderr, "streamscope: %s\n", message.c_str());
}

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, const std::string& command,
                                    const std::string& positional)
{
    if (!parser.parse(arguments)) {
        printError(parser.errorText().toStdString());
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(kExitOk);
    const QStringList given = parser.positionalArguments();
    if (positional.empty() && !given.isEmpty()) {
        printError(command + ": unexpected argument '" + given.first().toStdString() + "'");
        return kExitUsage;
    }
    if (!positional.empty() && given.size() != 1) {
        printError(command + ": expected one " + positional + " (see 'streamscope " + command + " --help')");
        return kExitUsage;
    }
    return std::nullopt;
}

} // namespace streamscope::cli

int main(int argc, char** argv)
{
    using namespace streamscope::cli;
    if (argc >= 2) {
        const char* first = argv[1];
        if (std::strcmp(first, "--help") == 0 || std::strcmp(first, "-h") == 0) {
            std::fputs(kUsage, stdout);
            return kExitOk;
        }
        if (std::strcmp(first, "--version") == 0 || std::strcmp(first, "-v") == 0) {
            std::printf("streamscope %s\n", STREAMSCOPE_VERSION);
            return kExitOk;
        }
        const auto command = [&](int (*run)(const QStringList&)) {
            QCoreApplication app(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("streamscope"));
            QCoreApplication::setApplicationVersion(QStringLiteral(STREAMSCOPE_VERSION));
            // The command's parser sees "COMMAND ARGS...", with the command standing in for argv[0].
            return run(QCoreApplication::arguments().mid(1));
        };
        if (std::strcmp(first, "monitor") == 0)
            return command(runMonitor);
        if (std::strcmp(first, "generate") == 0)
            return command(runGenerate);
        if (std::strcmp(first, "ports") == 0)
            return command(runPorts);
        if (std::strcmp(first, "validate") == 0)
            return command(runValidate);
        if (std::strcmp(first, "record") == 0)
            return command(runRecord);
        if (std::strcmp(first, "inspect") == 0)
            return command(runInspect);
        if (std::strcmp(first, "export") == 0)
            return command(runExport);
        if (std::strcmp(first, "overview") == 0)
            return command(runOverview);
        if (std::strcmp(first, "recover") == 0)
            return command(runRecover);
        if (std::strcmp(first, "replay") == 0)
            return command(runReplay);
        if (first[0] != '-' && !QFileInfo::exists(QString::fromLocal8Bit(first))) { // a file opens in the app
            printError(std::string("unknown command '") + first + "' (see 'streamscope --help')");
            return kExitUsage;
        }
    }
#ifdef STREAMSCOPE_HAS_GUI
    return streamscope::gui::runDesktopApp(argc, argv);
#else
    printError("this build has no desktop app; use a headless command (see 'streamscope --help')");
    return kExitUsage;
#endif
}
