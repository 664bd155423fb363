#include "app/cli/command.h"
#include "app/cli/option_values.h"
#include "core/archive/csv_exporter.h"

#include <QCommandLineParser>

#include <cstdio>
#include <unistd.h>

namespace streamscope::cli {

namespace {

void drawProgress(double fraction)
{
    const int width = 40;
    const int filled = static_cast<int>(fraction * width);
    std::fprintf(stderr, "\r[%.*s%*s] %3.0f%%", filled, "========================================", width - filled, "",
                 fraction * 100.0);
    std::fflush(stderr);
}

} // namespace

int runExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write an archive's channels to CSV, merged in time order."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("The archive."));
    parser.addOptions({
        {QStringLiteral("csv"), QStringLiteral("The CSV file to write."), QStringLiteral("OUT.csv")},
        {QStringLiteral("channels"), QStringLiteral("Comma-separated shell globs on channel names (default: all)."),
         QStringLiteral("GLOB,...")},
        {QStringLiteral("from"), QStringLiteral("First time to export: epoch seconds or 2026-11-25T08:30:00Z."),
         QStringLiteral("T")},
        {QStringLiteral("to"), QStringLiteral("Last time to export (inclusive), same forms as --from."),
         QStringLiteral("T")},
        {QStringLiteral("layout"),
         QStringLiteral("wide: a column per channel, a row per timestamp; long: time,channel,value rows (default wide)."),
         QStringLiteral("L"), QStringLiteral("wide")},
        {QStringLiteral("time"), QStringLiteral("iso (UTC, ns) or epoch (seconds, 9 decimals); default iso."),
         QStringLiteral("F"), QStringLiteral("iso")},
    });
    if (const auto exit_code = parseCommandLine(parser, arguments, "export", "archive file"))
        return *exit_code;
    if (!parser.isSet(QStringLiteral("csv"))) {
        printError("export: missing --csv OUT.csv");
        return kExitUsage;
    }
    CsvExportOptions options;
    for (const QString& glob : parser.value(QStringLiteral("channels")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.channel_globs.push_back(glob.trimmed().toStdString());
    if (!readTimeOption(parser, "from", options.from_ns) || !readTimeOption(parser, "to", options.to_ns))
        return kExitUsage;
    const QString layout = parser.value(QStringLiteral("layout"));
    if (layout == QLatin1String("long"))
        options.layout = CsvExportOptions::Layout::Long;
    else if (layout != QLatin1String("wide")) {
        printError("bad --layout '" + layout.toStdString() + "': expected wide or long");
        return kExitUsage;
    }
    const QString time_format = parser.value(QStringLiteral("time"));
    if (time_format == QLatin1String("epoch"))
        options.time_format = CsvExportOptions::TimeFormat::Epoch;
    else if (time_format != QLatin1String("iso")) {
        printError("bad --time '" + time_format.toStdString() + "': expected iso or epoch");
        return kExitUsage;
    }
    const bool show_progress = ::isatty(STDERR_FILENO) != 0;
    if (show_progress)
        options.progress = drawProgress;
    try {
        const auto reader = ArchiveReader::open(parser.positionalArguments().first().toStdString());
        const std::string out = parser.value(QStringLiteral("csv")).toStdString();
        const CsvExportResult result = exportCsv(*reader, out, options);
        if (show_progress)
            std::fputc('\n', stderr);
        std::printf("wrote %llu rows (%llu samples of %zu channels) to %s\n",
                    static_cast<unsigned long long>(result.rows), static_cast<unsigned long long>(result.samples),
                    result.channels, out.c_str());
    } catch (const ArchiveError& error) {
        if (show_progress)
            std::fputc('\n', stderr);
        printError(error.what());
        return kExitRuntimeError;
    }
    return kExitOk;
}

} // namespace streamscope::cli
