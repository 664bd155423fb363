#include "app/cli/command.h"
#include "app/cli/monitor_summary.h"
#include "app/cli/option_values.h"
#include "app/cli/processing_options.h"
#include "app/cli/processing_report.h"
#include "app/cli/stop_signal.h"
#include "core/archive/alert_recording_listener.h"
#include "core/ingest/replay_source.h"
#include "core/ingest/udp_forward_stage.h"
#include "core/session/session_engine_setup.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <tuple>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace streamscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct ReplaySettings {
    std::string path;
    ReplaySourceOptions replay;
    std::optional<UdpEndpoint> destination;
    TextFormat format = TextFormat::KeyValue;
    bool json = false;
    bool whole_archive = true; // no range, no channel selection, no rule or window flags: parity applies
};

std::optional<ReplaySettings> readReplayOptions(const QCommandLineParser& parser, std::string& error)
{
    ReplaySettings settings;
    settings.path = parser.positionalArguments().first().toStdString();
    settings.json = parser.isSet(QStringLiteral("json"));
    settings.replay.loop = parser.isSet(QStringLiteral("loop"));
    settings.replay.max_speed = parser.isSet(QStringLiteral("max-speed"));
    if (parser.isSet(QStringLiteral("speed"))) {
        const QString text = parser.value(QStringLiteral("speed"));
        const auto speed = parseNumberValue(text);
        if (!speed || *speed < ReplaySource::kMinSpeed || *speed > ReplaySource::kMaxSpeed) {
            error = "bad --speed " + quoted(text) + ": expected a factor from 0.1 to 1000 (or --max-speed)";
            return std::nullopt;
        }
        if (settings.replay.max_speed) {
            error = "--speed and --max-speed exclude each other";
            return std::nullopt;
        }
        settings.replay.speed = *speed;
    }
    for (const QString& glob : parser.value(QStringLiteral("channels")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        settings.replay.selection.channel_globs.push_back(glob.toStdString());
    // --to is a time, or with udp:// the destination: both may be given.
    for (const QString& text : parser.values(QStringLiteral("to"))) {
        if (text.startsWith(QStringLiteral("udp://"))) {
            const auto endpoint = parseUdpEndpoint(text.mid(6).toStdString(), error);
            if (!endpoint) {
                error = "bad --to " + quoted(text) + ": " + error;
                return std::nullopt;
            }
            settings.destination = endpoint;
            continue;
        }
        const auto time = parseTimePoint(text.toStdString());
        if (!time) {
            error = "bad --to " + quoted(text) + ": expected udp://HOST:PORT, epoch seconds or 2026-11-25T08:30:00Z";
            return std::nullopt;
        }
        settings.replay.selection.to_ns = time;
    }
    if (parser.isSet(QStringLiteral("from"))) {
        const QString text = parser.value(QStringLiteral("from"));
        const auto time = parseTimePoint(text.toStdString());
        if (!time) {
            error = "bad --from " + quoted(text) + ": expected epoch seconds or 2026-11-25T08:30:00Z";
            return std::nullopt;
        }
        settings.replay.selection.from_ns = time;
    }
    if (parser.isSet(QStringLiteral("format"))) {
        const QString text = parser.value(QStringLiteral("format"));
        const auto format = parseTextFormat(text.toStdString());
        if (!format) {
            error = "unknown --format " + quoted(text) + ": expected kv, influx, graphite or json";
            return std::nullopt;
        }
        if (!settings.destination) {
            error = "--format applies to --to udp://HOST:PORT only";
            return std::nullopt;
        }
        settings.format = *format;
    }
    settings.whole_archive = !settings.replay.selection.from_ns && !settings.replay.selection.to_ns
        && settings.replay.selection.channel_globs.empty() && !parser.isSet(QStringLiteral("window"))
        && !parser.isSet(QStringLiteral("alert"));
    return settings;
}

// Alert events in time order (then channel, rule, state): a stale alert is appended when a tick notices
// it, which live and replay do at different moments, but its time and value are the same.
std::vector<AlertRecord> inTimeOrder(std::vector<AlertRecord> events)
{
    std::stable_sort(events.begin(), events.end(), [](const AlertRecord& a, const AlertRecord& b) {
        return std::tie(a.time_ns, a.channel, a.rule, a.raised) < std::tie(b.time_ns, b.channel, b.rule, b.raised);
    });
    return events;
}

bool sameAlert(const AlertRecord& a, const AlertRecord& b)
{
    return a.time_ns == b.time_ns && a.channel == b.channel && a.rule == b.rule && a.severity == b.severity
        && a.raised == b.raised && (a.value == b.value || (std::isnan(a.value) && std::isnan(b.value)));
}

// Whether the replay reproduced the recording's alert events and final statistics (the source name
// differs by design: the replay is one source). Prints each difference to stderr.
QJsonObject checkParity(const ArchiveReader& reader, const ProcessingStage& processing)
{
    std::vector<StatisticsRecord> replayed = statisticsRecords(processing.snapshot());
    const std::vector<StatisticsRecord> recorded = reader.finalStatistics();
    bool statistics_match = !recorded.empty() && recorded.size() == replayed.size();
    for (std::size_t i = 0; statistics_match && i < recorded.size(); ++i) {
        replayed[i].source = recorded[i].source;
        if (!identical(recorded[i], replayed[i])) {
            statistics_match = false;
            std::fprintf(stderr, "parity: statistics of %s (window %lld ns) differ from the recording\n",
                         recorded[i].channel.c_str(), static_cast<long long>(recorded[i].window_ns));
        }
    }
    const std::vector<AlertRecord> recorded_alerts = inTimeOrder(reader.alertEvents());
    std::vector<AlertRecord> replayed_alerts;
    for (const AlertEvent& event : processing.alertEvents())
        replayed_alerts.push_back(alertRecordOf(event));
    replayed_alerts = inTimeOrder(std::move(replayed_alerts));
    bool alerts_match = recorded_alerts.size() == replayed_alerts.size();
    for (std::size_t i = 0; alerts_match && i < recorded_alerts.size(); ++i)
        alerts_match = sameAlert(recorded_alerts[i], replayed_alerts[i]);
    if (!alerts_match)
        std::fprintf(stderr, "parity: %zu alert events replayed, %zu recorded, and they differ\n",
                     replayed_alerts.size(), recorded_alerts.size());
    if (recorded.empty())
        std::fprintf(stderr, "parity: %s holds no final statistics (an older file or a killed recorder)\n",
                     reader.path().c_str());
    return QJsonObject{{QStringLiteral("statistics_match"), statistics_match},
                       {QStringLiteral("alerts_match"), alerts_match},
                       {QStringLiteral("recorded_alerts"), static_cast<qint64>(recorded_alerts.size())}};
}

void printProgress(const ReplaySource& replay, bool tty)
{
    const double span = static_cast<double>(replay.rangeEnd() - replay.rangeStart());
    const double done = static_cast<double>(replay.position() - replay.rangeStart());
    std::fprintf(stderr, "%sreplay %.1f s of %.1f s (%.0f%%), %llu of %llu samples%s", tty ? "\r" : "", done / 1e9,
                 span / 1e9, span > 0 ? 100.0 * done / span : 100.0,
                 static_cast<unsigned long long>(replay.samplesPublished()),
                 static_cast<unsigned long long>(replay.totalSamples()), replay.paused() ? " (paused)" : "");
    std::fputs(tty ? "" : "\n", stderr);
    std::fflush(stderr);
}

} // namespace

int runReplay(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Replay an archive through the pipeline and print its statistics and alerts like monitor, using the "
        "windows and alert rules it was recorded with (flags override them); or, with --to udp://HOST:PORT, "
        "send it on as a live stream.\nOn a whole-archive replay it checks that the statistics and alerts "
        "match those recorded."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("IN.h5"), QStringLiteral("The archive to replay."));
    addProcessingOptions(parser);
    parser.addOptions({
        {QStringLiteral("speed"), QStringLiteral("Archive seconds per second, 0.1 to 1000 (default 1)."),
         QStringLiteral("X")},
        {QStringLiteral("max-speed"), QStringLiteral("As fast as possible.")},
        {QStringLiteral("from"), QStringLiteral("Start here: epoch seconds or 2026-11-25T08:30:00Z."),
         QStringLiteral("T")},
        {QStringLiteral("to"),
         QStringLiteral("End here (a time, as --from), or with udp://HOST:PORT where to send the stream."),
         QStringLiteral("T|udp://HOST:PORT")},
        {QStringLiteral("channels"), QStringLiteral("Comma-separated shell globs on channel names (default: all)."),
         QStringLiteral("GLOB,...")},
        {QStringLiteral("loop"), QStringLiteral("Start over at the end, until Ctrl+C.")},
        {QStringLiteral("format"), QStringLiteral("With --to udp://: kv (default), influx, graphite or json."),
         QStringLiteral("F")},
        {QStringLiteral("json"), QStringLiteral("No progress; print a JSON summary (as monitor --json) at exit.")},
    });
    if (const auto exit_code = parseCommandLine(parser, arguments, "replay", "archive file"))
        return *exit_code;
    std::string error;
    const auto settings = readReplayOptions(parser, error);
    if (!settings) {
        printError(error);
        return kExitUsage;
    }

    Engine engine;
    ReplaySource* replay = nullptr;
    std::unique_ptr<ArchiveReader> reader;
    try {
        reader = ArchiveReader::open(settings->path);
        replay = &addReplaySource(engine, settings->path, settings->replay);
    } catch (const std::exception& failure) {
        printError(failure.what());
        return kExitRuntimeError;
    }
    const ProcessingOptions defaults = recordedProcessingOptions(reader->sessionConfig());
    const auto processing_options = readProcessingOptions(parser, defaults, error);
    if (!processing_options) {
        printError(error);
        return kExitUsage;
    }
    const ProcessingStage& processing = engine.addStage(std::make_unique<ProcessingStage>(*processing_options));
    const UdpForwardStage* forward = nullptr;
    if (settings->destination) {
        auto stage = UdpForwardStage::create(*settings->destination, settings->format, error);
        if (!stage) {
            printError(error);
            return kExitUsage;
        }
        forward = &engine.addStage(std::move(stage));
    }

    installStopSignalHandlers();
    const auto started = Clock::now();
    engine.start();
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    const bool quiet = settings->json;
    auto next_progress = started + std::chrono::seconds(1);
    std::size_t alerts_printed = 0;
    const auto printNewAlerts = [&] {
        for (const AlertEvent& event : processing.alertEvents(alerts_printed)) {
            std::printf("%s\n", formatAlertEvent(event).c_str());
            ++alerts_printed;
        }
    };
    while (!stopRequested()
           && !(replay->finished() && engine.pipeline().samplesProcessed() >= replay->samplesPublished())) {
        if (!quiet && !forward)
            printNewAlerts();
        if (!quiet && Clock::now() >= next_progress) {
            printProgress(*replay, tty);
            next_progress += std::chrono::seconds(1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // The last tick, with the clock at the range's end, raises what went stale before it.
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    engine.stop();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!quiet && tty)
        std::fputc('\n', stderr);

    const bool check_parity = settings->whole_archive && !settings->replay.loop && replay->finished();
    if (forward) {
        const UdpSender& sender = forward->sender();
        if (settings->json) {
            const QJsonObject summary{{QStringLiteral("seconds"), seconds},
                                      {QStringLiteral("samples"), static_cast<qint64>(forward->samplesSent())},
                                      {QStringLiteral("datagrams"), static_cast<qint64>(sender.datagramsSent())},
                                      {QStringLiteral("send_errors"), static_cast<qint64>(sender.sendErrors())}};
            std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Indented).constData(), stdout);
        } else {
            std::printf("sent %llu samples in %llu datagrams in %.1f s\n",
                        static_cast<unsigned long long>(forward->samplesSent()),
                        static_cast<unsigned long long>(sender.datagramsSent()), seconds);
        }
        if (sender.sendErrors() > 0) {
            printError(std::to_string(sender.sendErrors()) + " datagrams could not be sent: " + sender.lastError());
            return kExitRuntimeError;
        }
        return kExitOk;
    }
    if (settings->json) {
        QJsonObject summary = QJsonDocument::fromJson(monitorJsonSummary(engine, processing, seconds)).object();
        if (check_parity)
            summary.insert(QStringLiteral("parity"), checkParity(*reader, processing));
        std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Indented).constData(), stdout);
        return kExitOk;
    }
    printNewAlerts();
    printStatistics(processing.snapshot());
    printMonitorTotals(engine, seconds);
    if (check_parity) {
        const QJsonObject parity = checkParity(*reader, processing);
        std::printf("parity with the recording: statistics %s, alerts %s\n",
                    parity.value(QStringLiteral("statistics_match")).toBool() ? "match" : "DIFFER",
                    parity.value(QStringLiteral("alerts_match")).toBool() ? "match" : "DIFFER");
    }
    return kExitOk;
}

} // namespace streamscope::cli
