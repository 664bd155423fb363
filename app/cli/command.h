#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <optional>
#include <string>

namespace streamscope::cli {

// Exit codes shared by every subcommand (documented in the README).
enum ExitCode : int {
    kExitOk = 0,
    kExitRuntimeError = 1, // a source could not be opened, a write failed, ...
    kExitUsage = 2,        // a bad flag or value on the command line
    kExitRecordingFailed = 3, // record: a write error (a full disk) stopped the recording
};

// Each subcommand takes its own arguments (argv[0] and the subcommand name first) and returns an exit code.
int runMonitor(const QStringList& arguments);
int runGenerate(const QStringList& arguments);
int runPorts(const QStringList& arguments);
int runValidate(const QStringList& arguments);
int runRecord(const QStringList& arguments);
int runInspect(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runRecover(const QStringList& arguments);
int runReplay(const QStringList& arguments);
int runOverview(const QStringList& arguments);

// Prints "streamscope: MESSAGE" to stderr.
void printError(const std::string& message);

// Parses a subcommand's arguments, answers --help (and exits), and checks the positional arguments:
// none, or exactly one described by `positional` ("archive file"). Returns the exit code to end with
// after a usage error, or nullopt to go on.
[[nodiscard]] std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                                  const std::string& command, const std::string& positional = {});

} // namespace streamscope::cli
