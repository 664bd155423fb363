#pragma once

#include <QStringList>

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

// Prints "streamscope: MESSAGE" to stderr.
void printError(const std::string& message);

} // namespace streamscope::cli
