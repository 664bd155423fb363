#pragma once

// Runs the built `streamscope` executable (or another program) to its end, for the command-line tests.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace streamscope::test {

inline const QString kStreamScopeBinary = QStringLiteral(STREAMSCOPE_BINARY);

struct ProcessRun {
    int exit_code = -1;
    QByteArray out;
    QByteArray err;
};

inline ProcessRun runProgram(const QString& program, const QStringList& arguments, int timeout_ms = 60000)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(timeout_ms);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// `streamscope ARGUMENTS...` to its end.
inline ProcessRun runStreamScope(const QStringList& arguments, int timeout_ms = 60000)
{
    return runProgram(kStreamScopeBinary, arguments, timeout_ms);
}

} // namespace streamscope::test
