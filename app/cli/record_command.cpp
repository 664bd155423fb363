#include "app/cli/command.h"
#include "app/cli/live_options.h"
#include "app/cli/option_values.h"
#include "app/cli/stop_signal.h"
#include "core/archive/alert_recording_listener.h"
#include "core/archive/engine_source_counters.h"
#include "core/archive/statistics_table.h"
#include "core/archive/recorder_stage.h"
#include "core/archive/source_gap_stage.h"
#include "core/session/byte_size.h"
#include "core/session/duration.h"
#include "core/session/session_saver.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace streamscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

std::string humanBytes(std::uint64_t bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

struct RecordSettings {
    RecorderOptions recorder;
    std::optional<std::chrono::nanoseconds> duration;
    bool json = false;
};

std::optional<RecordSettings> readRecordOptions(const QCommandLineParser& parser, const QStringList& arguments,
                                                const std::optional<SessionConfig>& session,
                                                const ProcessingOptions& processing, std::string& error)
{
    RecordSettings settings;
    if (session && session->recording) { // the session's "recording" section, under the flags below
        const RecordingConfig& recording = *session->recording;
        settings.recorder.path = recording.path;
        settings.recorder.flush_interval = std::chrono::nanoseconds(recording.flush_interval_ns);
        settings.recorder.rotate_bytes = recording.rotate_bytes.value_or(0);
        settings.recorder.rotate_duration = std::chrono::nanoseconds(recording.rotate_interval_ns.value_or(0));
        if (recording.compression > 0) {
            settings.recorder.writer.compression = ArchiveCompression::Deflate;
            settings.recorder.writer.deflate_level = recording.compression;
        }
    } else if (!parser.isSet(QStringLiteral("output"))) {
        error = "record: missing -o OUT.h5 (or a --session with a \"recording\" section)";
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("output")))
        settings.recorder.path = parser.value(QStringLiteral("output")).toStdString();
    if (parser.isSet(QStringLiteral("duration"))) {
        settings.duration = parseDuration(parser.value(QStringLiteral("duration")).toStdString());
        if (!settings.duration) {
            error = "bad --duration " + quoted(parser.value(QStringLiteral("duration"))) +
                    ": expected a time such as 10, 2.5s or 1m";
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("rotate"))) {
        const std::string rotate = parser.value(QStringLiteral("rotate")).toStdString();
        if (const auto bytes = parseByteSize(rotate)) {
            settings.recorder.rotate_bytes = *bytes;
        } else if (const auto period = parseDuration(rotate); period && period->count() > 0) {
            settings.recorder.rotate_duration = *period;
        } else {
            error = "bad --rotate '" + rotate + "': expected a size such as 500MB or 1GiB, or a time such as 10m or 1h";
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("flush-interval"))) {
        const auto interval = parseDuration(parser.value(QStringLiteral("flush-interval")).toStdString());
        if (!interval || interval->count() <= 0 || *interval > std::chrono::minutes(10)) {
            error = "bad --flush-interval " + quoted(parser.value(QStringLiteral("flush-interval"))) +
                    ": expected a time above 0 and at most 10m, such as 1s or 200ms";
            return std::nullopt;
        }
        settings.recorder.flush_interval = *interval;
    }
    if (parser.isSet(QStringLiteral("compression"))) { // else the session's choice, or off
        const QString compression = parser.value(QStringLiteral("compression"));
        if (compression == QLatin1String("deflate")) {
            settings.recorder.writer.compression = ArchiveCompression::Deflate;
        } else if (compression == QLatin1String("off")) {
            settings.recorder.writer.compression = ArchiveCompression::Off;
        } else {
            error = "bad --compression " + quoted(compression) + ": expected off or deflate";
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("chunk"))) {
        const std::string text = parser.value(QStringLiteral("chunk")).toStdString();
        std::size_t chunk = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), chunk);
        if (ec != std::errc{} || end != text.data() + text.size() || chunk < 16 || chunk > (1U << 24)) {
            error = "bad --chunk '" + text + "': expected samples per chunk, 16 to 16777216";
            return std::nullopt;
        }
        settings.recorder.writer.chunk_samples = chunk;
    }
    settings.json = parser.isSet(QStringLiteral("json"));
    settings.recorder.writer.app_version = STREAMSCOPE_VERSION;
    // The session file, when there is one, and the command line that made the recording, as provenance.
    QJsonArray command_line;
    command_line.append(QStringLiteral("streamscope"));
    for (const QString& argument : arguments)
        command_line.append(argument);
    // The windows and rules in effect (from the session or the flags) go in as the session's, so that a
    // replay can evaluate the same ones.
    SessionConfig effective = session ? *session : SessionConfig{};
    effective.windows = processing.windows;
    effective.alerts = processing.rules;
    const QJsonObject effective_json = sessionToJson(effective);
    QJsonObject provenance = session ? effective_json : QJsonObject{};
    for (const QString& key : {QStringLiteral("statistics"), QStringLiteral("alerts")})
        if (effective_json.contains(key))
            provenance.insert(key, effective_json.value(key));
    provenance.insert(QStringLiteral("command_line"), command_line);
    settings.recorder.writer.session_config = QJsonDocument(provenance).toJson(QJsonDocument::Compact).toStdString();
    return settings;
}

std::uint64_t totalDrops(const std::vector<SourceStatus>& sources, std::uint64_t SourceStatus::*field)
{
    std::uint64_t total = 0;
    for (const SourceStatus& s : sources)
        total += s.*field;
    return total;
}

void printStatusLine(const RecorderStatus& status, const std::vector<SourceStatus>& sources, std::size_t active_alerts,
                     double elapsed, double rate, bool tty)
{
    const std::uint64_t drops = totalDrops(sources, &SourceStatus::kernel_drops) +
                                totalDrops(sources, &SourceStatus::ring_drops) + status.queue_overflow;
    const std::uint64_t over_cap = totalDrops(sources, &SourceStatus::over_channel_cap);
    const std::uint64_t rejected = totalDrops(sources, &SourceStatus::rejected_senders);
    std::printf("%s%7.1f s  %12llu samples  %10.0f/s  %10s  drops %llu  over cap %llu  rejected %llu  alerts %zu%s%s",
                tty ? "\r" : "", elapsed, static_cast<unsigned long long>(status.samples_received), rate,
                humanBytes(status.file_bytes).c_str(), static_cast<unsigned long long>(drops),
                static_cast<unsigned long long>(over_cap), static_cast<unsigned long long>(rejected), active_alerts,
                status.error ? "  RECORDING STOPPED" : "", tty ? "" : "\n");
    std::fflush(stdout);
}

void printSummary(const RecorderStatus& status, const Engine& engine, double seconds, bool json)
{
    const auto sources = engine.sourceStatus();
    const std::uint64_t kernel = totalDrops(sources, &SourceStatus::kernel_drops);
    const std::uint64_t ring = totalDrops(sources, &SourceStatus::ring_drops);
    if (json) {
        QJsonArray files;
        for (const std::string& file : status.files)
            files.append(QString::fromStdString(file));
        const QJsonObject summary{
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("samples"), static_cast<qint64>(status.samples_flushed)},
            {QStringLiteral("channels"), static_cast<qint64>(engine.store().channelCount())},
            {QStringLiteral("files"), files},
            {QStringLiteral("decode_errors"), static_cast<qint64>(totalDrops(sources, &SourceStatus::decode_errors))},
            {QStringLiteral("over_channel_cap"), static_cast<qint64>(totalDrops(sources, &SourceStatus::over_channel_cap))},
            {QStringLiteral("rejected_senders"), static_cast<qint64>(totalDrops(sources, &SourceStatus::rejected_senders))},
            {QStringLiteral("drops"),
             QJsonObject{{QStringLiteral("kernel"), static_cast<qint64>(kernel)},
                         {QStringLiteral("ring"), static_cast<qint64>(ring)},
                         {QStringLiteral("recorder_queue"), static_cast<qint64>(status.queue_overflow)},
                         {QStringLiteral("after_failure"), static_cast<qint64>(status.dropped_after_failure)}}},
            {QStringLiteral("error"), status.error ? QJsonValue(QString::fromStdString(*status.error)) : QJsonValue()},
        };
        std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Indented).constData(), stdout);
        return;
    }
    std::printf("\nrecorded %llu samples of %zu channels in %.1f s to %zu file(s):\n",
                static_cast<unsigned long long>(status.samples_flushed), engine.store().channelCount(), seconds,
                status.files.size());
    for (const std::string& file : status.files)
        std::printf("  %s\n", file.c_str());
    std::printf("drops: %llu kernel, %llu ring, %llu recorder queue, %llu over the channel cap; %llu datagrams "
                "rejected by --allow-from",
                static_cast<unsigned long long>(kernel), static_cast<unsigned long long>(ring),
                static_cast<unsigned long long>(status.queue_overflow),
                static_cast<unsigned long long>(totalDrops(sources, &SourceStatus::over_channel_cap)),
                static_cast<unsigned long long>(totalDrops(sources, &SourceStatus::rejected_senders)));
    if (status.dropped_after_failure > 0)
        std::printf(", %llu not recorded after the write error",
                    static_cast<unsigned long long>(status.dropped_after_failure));
    std::printf("\n");
}

} // namespace

int runRecord(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Record a stream to an HDF5 archive (layout: docs/archive-format.md).\n"
        "Runs until Ctrl+C, SIGTERM or the end of --duration; prints a status line every second.\n"
        "Exit codes: 0 recorded, 1 could not start, 2 bad command line, 3 a write error stopped the recording."));
    parser.addHelpOption();
    addLiveOptions(parser);
    parser.addOptions({
        {{QStringLiteral("o"), QStringLiteral("output")},
         QStringLiteral("The archive to write. May hold strftime fields (UTC start time), e.g. run-%Y%m%d-%H%M%S.h5."),
         QStringLiteral("OUT.h5")},
        {QStringLiteral("duration"), QStringLiteral("Stop after this long (e.g. 10, 2.5s, 1m)."), QStringLiteral("TIME")},
        {QStringLiteral("rotate"),
         QStringLiteral("Start a new file at this size (500MB, 1GiB) or after this time (10m, 1h); names get the "
                        "file's start time and number."),
         QStringLiteral("SIZE|TIME")},
        {QStringLiteral("flush-interval"),
         QStringLiteral("Make data crash-safe at least this often (default 1s)."), QStringLiteral("TIME")},
        {QStringLiteral("compression"), QStringLiteral("off or deflate (with shuffle); default off."),
         QStringLiteral("C"), QStringLiteral("off")},
        {QStringLiteral("chunk"), QStringLiteral("Samples per HDF5 chunk (default 32768)."), QStringLiteral("N")},
        {QStringLiteral("json"), QStringLiteral("No status lines; print a JSON summary at exit.")},
    });
    if (const auto exit_code = parseCommandLine(parser, arguments, "record"))
        return *exit_code;
    const auto live = readLiveOptions(parser);
    if (!live)
        return kExitUsage;
    std::string error;
    auto settings = readRecordOptions(parser, arguments, live->session, live->processing, error);
    if (!settings) {
        printError(error);
        return kExitUsage;
    }

    // A file-size limit (RLIMIT_FSIZE) must fail the write with EFBIG, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    std::unique_ptr<AlertRecordingListener> alert_recording; // outlives the engine's pipeline thread
    Engine engine(live->sources.engine);
    if (auto failure = applyLiveSources(*live, engine)) {
        printError(*failure);
        return kExitRuntimeError;
    }
    settings->recorder.source_counters = [&engine] { return sourceCounterRecordsOf(engine); };
    // Each file closes with the statistics so far (its /statistics table): what a replay must reproduce.
    auto processing_stage = std::make_unique<ProcessingStage>(live->processing);
    const ProcessingStage& final_processing = *processing_stage;
    settings->recorder.final_statistics = [&final_processing] { return statisticsRecords(final_processing.snapshot()); };
    Recorder recorder(settings->recorder);
    try {
        recorder.open();
    } catch (const ArchiveError& failure) {
        printError(failure.what());
        return kExitRuntimeError;
    }
    // Stage order: statistics and alerts, then source gaps, then the recorder, so that the recorder's
    // finish() comes after the last alert and gap have been handed to it.
    auto recorder_stage = std::make_unique<RecorderStage>(recorder);
    alert_recording = std::make_unique<AlertRecordingListener>(*recorder_stage);
    ProcessingStage& processing = engine.addStage(std::move(processing_stage));
    processing.addAlertListener(alert_recording.get());
    std::vector<const Source*> sources;
    for (const auto& source : engine.sources())
        sources.push_back(source.get());
    engine.addStage(std::make_unique<SourceGapStage>(std::move(sources), *recorder_stage));
    engine.addStage(std::move(recorder_stage));
    installStopSignalHandlers();
    const auto started = Clock::now();
    recorder.start();
    engine.start();

    const bool tty = ::isatty(STDOUT_FILENO) != 0;
    auto next_print = started + std::chrono::seconds(1);
    std::uint64_t previous_samples = 0;
    bool error_reported = false;
    while (!stopRequested()) {
        const auto now = Clock::now();
        if (settings->duration && now - started >= *settings->duration)
            break;
        if (now >= next_print) {
            const RecorderStatus status = recorder.status();
            if (status.error && !error_reported) {
                printError("recording stopped: " + *status.error + " (" + status.current_path +
                           " keeps everything up to the last flush; the stream is still received)");
                error_reported = true;
            }
            if (!settings->json)
                printStatusLine(status, engine.sourceStatus(), processing.snapshot().active_alerts.size(),
                                std::chrono::duration<double>(now - started).count(),
                                static_cast<double>(status.samples_received - previous_samples), tty);
            previous_samples = status.samples_received;
            next_print += std::chrono::seconds(1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    engine.stop();
    reportUnusedChannelMetadata(engine);
    recorder.stop();
    const RecorderStatus status = recorder.status();
    if (status.error && !error_reported)
        printError("recording stopped: " + *status.error + " (" + status.current_path +
                   " keeps everything up to the last flush)");
    printSummary(status, engine, std::chrono::duration<double>(Clock::now() - started).count(), settings->json);
    return status.error ? kExitRecordingFailed : kExitOk;
}

} // namespace streamscope::cli
