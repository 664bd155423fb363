#include "app/cli/command.h"
#include "app/cli/option_values.h"
#include "core/archive/archive_overview.h"
#include "core/processing/channel_glob.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace streamscope::cli {

namespace {

// Widths beyond any screen are a mistake, and would make the output enormous.
constexpr long long kMaxWidth = 100'000;

struct OverviewRequest {
    std::string path;
    int width = 0;
    std::optional<TimeNs> from;
    std::optional<TimeNs> to;
    std::vector<std::string> globs;
    bool json = false;
    bool keep_file = false; // never write the pyramid into the archive
};

// JSON numbers cannot be NaN or infinite; such values are written as null.
void printJsonNumber(double value)
{
    if (std::isfinite(value))
        std::printf("%.17g", value);
    else
        std::fputs("null", stdout);
}

void printJsonPoint(const char* name, TimeNs time, double value)
{
    std::printf(",\"%s\":{\"t\":%lld,\"v\":", name, static_cast<long long>(time));
    printJsonNumber(value);
    std::fputc('}', stdout);
}

void printJsonString(const std::string& text)
{
    std::fputc('"', stdout);
    for (const char c : text) {
        if (c == '"' || c == '\\')
            std::printf("\\%c", c);
        else if (static_cast<unsigned char>(c) < 0x20)
            std::printf("\\u%04x", c);
        else
            std::fputc(c, stdout);
    }
    std::fputc('"', stdout);
}

// Non-empty columns only, each with its index; times as integer nanoseconds (exact, unlike doubles).
void printJsonChannel(const ArchiveChannel& channel, bool ordered, const std::vector<M4Column>& columns, bool first)
{
    std::fputs(first ? "\n  {\"name\":" : ",\n  {\"name\":", stdout);
    printJsonString(channel.name);
    std::fputs(",\"unit\":", stdout);
    printJsonString(channel.unit);
    std::printf(",\"ordered\":%s,\"columns\":[", ordered ? "true" : "false");
    bool first_column = true;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const M4Column& column = columns[i];
        if (column.count == 0)
            continue;
        std::printf("%s\n    {\"column\":%zu,\"count\":%zu", first_column ? "" : ",", i, column.count);
        printJsonPoint("first", column.first_time, column.first);
        printJsonPoint("last", column.last_time, column.last);
        if (std::isnan(column.min)) {
            std::fputs(",\"min\":null,\"max\":null", stdout);
        } else {
            printJsonPoint("min", column.min_time, column.min);
            printJsonPoint("max", column.max_time, column.max);
        }
        std::fputc('}', stdout);
        first_column = false;
    }
    std::fputs("]}", stdout);
}

// Exact seconds since the epoch: "1795608058.677308379".
std::string seconds(TimeNs time)
{
    char text[40];
    const long long whole = time / 1'000'000'000 - (time % 1'000'000'000 < 0 ? 1 : 0);
    std::snprintf(text, sizeof text, "%lld.%09lld", whole, static_cast<long long>(time - whole * 1'000'000'000));
    return text;
}

void printSummary(const ArchiveChannel& channel, const std::vector<M4Column>& columns)
{
    std::size_t samples = 0;
    std::size_t filled = 0;
    M4Column whole;
    for (const M4Column& column : columns) {
        samples += column.count;
        filled += column.count > 0 ? 1 : 0;
        mergeM4Column(whole, column);
    }
    std::printf("%-24s %12zu samples in %zu of %zu columns", channel.name.c_str(), samples, filled, columns.size());
    if (!std::isnan(whole.min))
        std::printf(", min %.9g at %s s, max %.9g at %s s", whole.min, seconds(whole.min_time).c_str(), whole.max,
                    seconds(whole.max_time).c_str());
    std::fputc('\n', stdout);
}

// The default range: from the earliest first sample to just after the latest last sample.
M4Range wholeRange(const ArchiveReader& reader, const std::vector<std::size_t>& selected)
{
    TimeNs first = std::numeric_limits<TimeNs>::max();
    TimeNs last = std::numeric_limits<TimeNs>::min();
    std::vector<TimeNs> times;
    std::vector<double> values;
    for (const std::size_t index : selected) {
        const std::uint64_t count = reader.channels()[index].count;
        if (count == 0)
            continue;
        if (reader.read(index, 0, 1, times, values) == 1)
            first = std::min(first, times.front());
        if (reader.read(index, count - 1, 1, times, values) == 1)
            last = std::max(last, times.front());
    }
    if (first > last)
        return {0, 1, 0};
    return {first, last + 1, 0};
}

// Prints "building the overview pyramid: NN%" on one line of stderr, updated as the percentage grows.
LodProgress progressLine(const std::string& path)
{
    return [path, shown = -1](std::uint64_t done, std::uint64_t total) mutable {
        const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
        if (percent == shown)
            return;
        shown = percent;
        std::fprintf(stderr, "\rstreamscope: building the overview pyramid of %s: %3d%%%s", path.c_str(), percent,
                     percent == 100 ? "\n" : "");
        std::fflush(stderr);
    };
}

std::optional<int> parseRequest(const QCommandLineParser& parser, OverviewRequest& request)
{
    request.path = parser.positionalArguments().first().toStdString();
    if (!parser.isSet(QStringLiteral("width"))) {
        printError("overview: missing --width PX");
        return kExitUsage;
    }
    const auto width = parseIntegerValue(parser.value(QStringLiteral("width")));
    if (!width || *width < 1 || *width > kMaxWidth) {
        printError("bad --width " + quoted(parser.value(QStringLiteral("width"))) + ": expected a whole number of pixels from 1 to " +
                   std::to_string(kMaxWidth));
        return kExitUsage;
    }
    request.width = static_cast<int>(*width);
    if (!readTimeOption(parser, "from", request.from) || !readTimeOption(parser, "to", request.to))
        return kExitUsage;
    if (request.from && request.to && *request.from >= *request.to) {
        printError("bad range: --from " + quoted(parser.value(QStringLiteral("from"))) + " is not before --to " +
                   quoted(parser.value(QStringLiteral("to"))));
        return kExitUsage;
    }
    for (const QString& glob : parser.value(QStringLiteral("channels")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        request.globs.push_back(glob.trimmed().toStdString());
    request.json = parser.isSet(QStringLiteral("json"));
    request.keep_file = parser.isSet(QStringLiteral("keep-file"));
    return std::nullopt;
}

std::vector<std::size_t> selectChannels(const ArchiveReader& reader, const std::vector<std::string>& globs)
{
    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < reader.channels().size(); ++i) {
        const bool wanted = globs.empty() || std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
                                return globMatches(glob, reader.channels()[i].name);
                            });
        if (wanted)
            selected.push_back(i);
    }
    return selected;
}

} // namespace

int runOverview(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Per channel and pixel column of [from, to): the first, last, min and max sample (M4), read through the "
        "archive's level-of-detail pyramid. An archive recorded without one gets it built once: into the file itself "
        "when it is writable (HDF5 tools ignore it), else into a cache."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("The archive."));
    parser.addOptions({
        {QStringLiteral("width"), QStringLiteral("Pixel columns to cut the range into."), QStringLiteral("PX")},
        {QStringLiteral("from"), QStringLiteral("Start of the range: epoch seconds or 2026-11-25T08:30:00Z (default: the first sample)."),
         QStringLiteral("T")},
        {QStringLiteral("to"), QStringLiteral("End of the range, exclusive, same forms (default: just after the last sample)."),
         QStringLiteral("T")},
        {QStringLiteral("channels"), QStringLiteral("Comma-separated shell globs on channel names (default: all)."),
         QStringLiteral("GLOB,...")},
        {QStringLiteral("json"), QStringLiteral("Every non-empty column as JSON on stdout, instead of a summary.")},
        {QStringLiteral("keep-file"), QStringLiteral("Never add a missing pyramid to FILE.h5 itself; build it into the cache.")},
    });
    if (const auto exit_code = parseCommandLine(parser, arguments, "overview", "archive file"))
        return *exit_code;
    OverviewRequest request;
    if (const auto exit_code = parseRequest(parser, request))
        return *exit_code;
    try {
        if (!request.keep_file)
            archive::addPyramidToArchive(request.path, progressLine(request.path));
        const auto reader = ArchiveReader::open(request.path);
        const std::vector<std::size_t> selected = selectChannels(*reader, request.globs);
        if (selected.empty()) {
            printError("overview: no channel of " + request.path + " matches " +
                       quoted(parser.value(QStringLiteral("channels"))));
            return kExitUsage;
        }
        const ArchiveOverview overview(*reader, progressLine(request.path));
        M4Range range = wholeRange(*reader, selected);
        range.from = request.from.value_or(range.from);
        range.to = request.to.value_or(range.to);
        range.width = request.width;
        if (range.from >= range.to) {
            printError("overview: the range is empty (--from is not before the end of the data)");
            return kExitUsage;
        }
        if (request.json) {
            std::printf("{\"file\":");
            printJsonString(request.path);
            std::printf(",\"from_ns\":%lld,\"to_ns\":%lld,\"width\":%d,\"channels\":[", static_cast<long long>(range.from),
                        static_cast<long long>(range.to), range.width);
        } else {
            std::printf("%s: [%s s, %s s) at %d px\n", request.path.c_str(), seconds(range.from).c_str(),
                        seconds(range.to).c_str(), range.width);
        }
        std::vector<M4Column> columns;
        for (std::size_t k = 0; k < selected.size(); ++k) {
            overview.query(selected[k], range, columns);
            if (request.json)
                printJsonChannel(reader->channels()[selected[k]], overview.ordered(selected[k]), columns, k == 0);
            else
                printSummary(reader->channels()[selected[k]], columns);
        }
        if (request.json)
            std::printf("\n]}\n");
    } catch (const ArchiveError& error) {
        printError(error.what());
        return kExitRuntimeError;
    }
    return kExitOk;
}

} // namespace streamscope::cli
