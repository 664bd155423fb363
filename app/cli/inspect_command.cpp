#include "app/cli/command.h"
#include "core/archive/archive_reader.h"
#include "core/archive/csv_exporter.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace streamscope::cli {

namespace {

QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QString text(const std::string& s) { return QString::fromStdString(s); }

struct Inspection {
    std::vector<ArchiveChannelSummary> summaries;
    TimeNs first = 0;
    TimeNs last = 0;
    bool any = false;
};

Inspection inspect(const ArchiveReader& reader)
{
    Inspection result;
    for (std::size_t i = 0; i < reader.channels().size(); ++i) {
        const ArchiveChannelSummary summary = reader.summarize(i);
        if (summary.count > 0) {
            result.first = result.any ? std::min(result.first, summary.first_time_ns) : summary.first_time_ns;
            result.last = result.any ? std::max(result.last, summary.last_time_ns) : summary.last_time_ns;
            result.any = true;
        }
        result.summaries.push_back(summary);
    }
    return result;
}

void printJson(const ArchiveReader& reader, const Inspection& inspection)
{
    QJsonArray channels;
    for (std::size_t i = 0; i < reader.channels().size(); ++i) {
        const ArchiveChannel& c = reader.channels()[i];
        const ArchiveChannelSummary& s = inspection.summaries[i];
        channels.append(QJsonObject{
            {QStringLiteral("name"), text(c.name)},
            {QStringLiteral("unit"), text(c.unit)},
            {QStringLiteral("display_name"), text(c.display_name)},
            {QStringLiteral("source"), text(c.source)},
            {QStringLiteral("count"), static_cast<qint64>(s.count)},
            {QStringLiteral("first_time_ns"), s.count > 0 ? QJsonValue(static_cast<qint64>(s.first_time_ns)) : QJsonValue()},
            {QStringLiteral("last_time_ns"), s.count > 0 ? QJsonValue(static_cast<qint64>(s.last_time_ns)) : QJsonValue()},
            {QStringLiteral("min"), jsonNumber(s.min)},
            {QStringLiteral("max"), jsonNumber(s.max)},
            {QStringLiteral("mean"), jsonNumber(s.mean)},
            {QStringLiteral("non_finite"), static_cast<qint64>(s.non_finite)},
        });
    }
    QJsonArray alerts;
    for (const AlertRecord& a : reader.alertEvents())
        alerts.append(QJsonObject{{QStringLiteral("time_ns"), static_cast<qint64>(a.time_ns)},
                                  {QStringLiteral("channel"), text(a.channel)},
                                  {QStringLiteral("rule"), text(a.rule)},
                                  {QStringLiteral("severity"), text(a.severity)},
                                  {QStringLiteral("state"), a.raised ? QStringLiteral("raised") : QStringLiteral("cleared")},
                                  {QStringLiteral("value"), jsonNumber(a.value)}});
    QJsonArray source_events;
    for (const SourceEvent& e : reader.sourceEvents())
        source_events.append(QJsonObject{{QStringLiteral("source"), text(e.source)},
                                         {QStringLiteral("kind"), text(e.kind)},
                                         {QStringLiteral("start_ns"), static_cast<qint64>(e.start_ns)},
                                         {QStringLiteral("end_ns"), static_cast<qint64>(e.end_ns)},
                                         {QStringLiteral("message"), text(e.message)}});
    QJsonArray sources;
    for (const SourceCounterRecord& s : reader.sourceCounters())
        sources.append(QJsonObject{{QStringLiteral("name"), text(s.source)},
                                   {QStringLiteral("frames"), static_cast<qint64>(s.frames)},
                                   {QStringLiteral("decode_errors"), static_cast<qint64>(s.decode_errors)},
                                   {QStringLiteral("kernel_drops"), static_cast<qint64>(s.kernel_drops)},
                                   {QStringLiteral("ring_drops"), static_cast<qint64>(s.ring_drops)},
                                   {QStringLiteral("over_channel_cap"), static_cast<qint64>(s.over_channel_cap)},
                                   {QStringLiteral("rejected_senders"), static_cast<qint64>(s.rejected_senders)}});
    const QJsonObject document{
        {QStringLiteral("file"), text(reader.path())},
        {QStringLiteral("format_version"), reader.formatVersion()},
        {QStringLiteral("app_version"), text(reader.appVersion())},
        {QStringLiteral("host"), text(reader.host())},
        {QStringLiteral("start_time_ns"), static_cast<qint64>(reader.startTimeNs())},
        {QStringLiteral("stop_time_ns"),
         reader.stopTimeNs() ? QJsonValue(static_cast<qint64>(*reader.stopTimeNs())) : QJsonValue()},
        {QStringLiteral("closed_cleanly"), reader.cleanlyClosed()},
        {QStringLiteral("first_time_ns"), inspection.any ? QJsonValue(static_cast<qint64>(inspection.first)) : QJsonValue()},
        {QStringLiteral("last_time_ns"), inspection.any ? QJsonValue(static_cast<qint64>(inspection.last)) : QJsonValue()},
        {QStringLiteral("recorder_dropped_samples"), static_cast<qint64>(reader.recorderDroppedSamples())},
        {QStringLiteral("session_config"), text(reader.sessionConfig())},
        {QStringLiteral("channels"), channels},
        {QStringLiteral("alerts"), alerts},
        {QStringLiteral("source_events"), source_events},
        {QStringLiteral("sources"), sources},
    };
    std::fputs(QJsonDocument(document).toJson(QJsonDocument::Indented).constData(), stdout);
}

void printText(const ArchiveReader& reader, const Inspection& inspection)
{
    std::printf("%s: StreamScope archive, format version %d, written by %s on %s\n", reader.path().c_str(),
                reader.formatVersion(), reader.appVersion().c_str(), reader.host().c_str());
    if (!reader.cleanlyClosed())
        std::printf("note: the recording was not closed cleanly (killed?); this shows everything up to its last "
                    "flush. 'streamscope recover %s' makes it openable by tools that do not use SWMR.\n",
                    reader.path().c_str());
    if (reader.repaired())
        std::printf("note: the recorder was killed while adding channels; its open-for-writing flag was cleared.\n");
    for (const std::string& group : reader.damagedChannels())
        std::printf("note: channel group /channels/%s is incomplete (killed while being added) and was skipped.\n",
                    group.c_str());
    if (inspection.any)
        std::printf("time range: %s .. %s (%.3f s)\n", formatIsoTime(inspection.first).c_str(),
                    formatIsoTime(inspection.last).c_str(), static_cast<double>(inspection.last - inspection.first) / 1e9);
    std::printf("\n%-32s %-8s %12s %-30s %-30s %12s %12s %12s\n", "channel", "unit", "count", "first", "last", "min",
                "max", "mean");
    for (std::size_t i = 0; i < reader.channels().size(); ++i) {
        const ArchiveChannel& c = reader.channels()[i];
        const ArchiveChannelSummary& s = inspection.summaries[i];
        const std::string label = c.display_name.empty() ? c.name : c.name + " (" + c.display_name + ")";
        std::printf("%-32.32s %-8.8s %12llu %-30s %-30s %12.6g %12.6g %12.6g\n", label.c_str(), c.unit.c_str(),
                    static_cast<unsigned long long>(s.count), s.count ? formatIsoTime(s.first_time_ns).c_str() : "-",
                    s.count ? formatIsoTime(s.last_time_ns).c_str() : "-", s.min, s.max, s.mean);
    }
    const auto sources = reader.sourceCounters();
    if (!sources.empty()) {
        std::printf("\n%-32s %12s %12s %12s %12s %12s %12s\n", "source", "frames", "errors", "kernel drops",
                    "ring drops", "over cap", "rejected");
        for (const SourceCounterRecord& s : sources)
            std::printf("%-32.32s %12llu %12llu %12llu %12llu %12llu %12llu\n", s.source.c_str(),
                        static_cast<unsigned long long>(s.frames), static_cast<unsigned long long>(s.decode_errors),
                        static_cast<unsigned long long>(s.kernel_drops), static_cast<unsigned long long>(s.ring_drops),
                        static_cast<unsigned long long>(s.over_channel_cap),
                        static_cast<unsigned long long>(s.rejected_senders));
    }
    if (reader.recorderDroppedSamples() > 0)
        std::printf("recorder queue overflow: %llu samples not recorded\n",
                    static_cast<unsigned long long>(reader.recorderDroppedSamples()));
    const auto alerts = reader.alertEvents();
    std::printf("\nalerts: %zu\n", alerts.size());
    for (const AlertRecord& a : alerts)
        std::printf("  %s  %-8s %-7s %s %s value %g\n", formatIsoTime(a.time_ns).c_str(), a.severity.c_str(),
                    a.raised ? "raised" : "cleared", a.channel.c_str(), a.rule.c_str(), a.value);
    const auto events = reader.sourceEvents();
    std::printf("source events: %zu\n", events.size());
    for (const SourceEvent& e : events)
        std::printf("  %s .. %s  %s %s: %s\n", formatIsoTime(e.start_ns).c_str(), formatIsoTime(e.end_ns).c_str(),
                    e.source.c_str(), e.kind.c_str(), e.message.c_str());
}

} // namespace

int runInspect(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show an archive's provenance, time range, per-channel count, first/last time, min, max and "
                       "mean, source counters, alerts and source events."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("The archive."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    if (const auto exit_code = parseCommandLine(parser, arguments, "inspect", "archive file"))
        return *exit_code;
    try {
        const auto reader = ArchiveReader::open(parser.positionalArguments().first().toStdString());
        const Inspection inspection = inspect(*reader);
        if (parser.isSet(QStringLiteral("json")))
            printJson(*reader, inspection);
        else
            printText(*reader, inspection);
    } catch (const ArchiveError& error) {
        printError(error.what());
        return kExitRuntimeError;
    }
    return kExitOk;
}

} // namespace streamscope::cli
