#include "app/cli/command.h"
#include "core/archive/archive_recovery.h"
#include "core/archive/hdf5_handle.h"

#include <QCommandLineParser>

#include <cstdio>

namespace streamscope::cli {

int runRecover(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Make the archive of a killed recording openable by every HDF5 tool. StreamScope itself reads such a\n"
        "file as it is; tools that do not use SWMR (h5dump, HDFView, plain h5py) refuse it until recovered.\n"
        "Everything up to the recording's last flush is kept."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("The archive to recover in place."));
    if (const auto exit_code = parseCommandLine(parser, arguments, "recover", "archive file"))
        return *exit_code;
    const std::string path = parser.positionalArguments().first().toStdString();
    try {
        const RecoveryResult result = recoverArchive(path);
        std::printf("%s: %s\n", path.c_str(),
                    result == RecoveryResult::Recovered ? "recovered; every HDF5 tool opens it now"
                                                        : "every HDF5 tool opens it already; nothing to do");
    } catch (const ArchiveError& error) {
        printError(error.what());
        return kExitRuntimeError;
    }
    return kExitOk;
}

} // namespace streamscope::cli
