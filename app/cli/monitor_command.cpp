#include "app/cli/command.h"
#include "app/cli/live_options.h"
#include "app/cli/monitor_summary.h"
#include "app/cli/processing_options.h"
#include "app/cli/processing_report.h"
#include "app/cli/source_options.h"
#include "app/cli/stop_signal.h"
#include "core/session/duration.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace streamscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Per channel and window the statistics, then the active alerts and each source's counters.
class MonitorTable {
public:
    void print(const Engine& engine, const ProcessingStage& processing, double elapsed_s, bool clear_screen)
    {
        if (clear_screen)
            std::fputs("\x1b[H\x1b[2J", stdout);
        std::printf("streamscope monitor  %.1f s\n\n", elapsed_s);
        printStatistics(processing.snapshot());
        std::printf("\n%-26s %12s %12s %12s %12s\n", "source", "frames", "errors", "kernel drops", "ring drops");
        for (const SourceStatus& s : engine.sourceStatus()) {
            std::printf("%-26.26s %12llu %12llu %12llu %12llu\n", s.name.c_str(),
                        static_cast<unsigned long long>(s.frames), static_cast<unsigned long long>(s.decode_errors),
                        static_cast<unsigned long long>(s.kernel_drops),
                        static_cast<unsigned long long>(s.ring_drops));
            if (!s.last_error.empty())
                std::printf("  last error: %s\n", s.last_error.c_str());
            if (s.over_channel_cap > 0)
                std::printf("  %llu samples of channels past the --max-channels cap dropped\n",
                            static_cast<unsigned long long>(s.over_channel_cap));
            if (s.rejected_senders > 0)
                std::printf("  %llu datagrams from senders outside --allow-from rejected\n",
                            static_cast<unsigned long long>(s.rejected_senders));
            if (!s.gaps.empty())
                std::printf("  %s, %zu gap(s) so far\n",
                            s.gaps.back().end_ns == 0 ? "device away, retrying" : "device connected", s.gaps.size());
        }
        std::fflush(stdout);
    }
};

} // namespace

int runMonitor(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show live per-channel statistics of a stream in the terminal.\n"
                       "Runs until Ctrl+C, SIGTERM or the end of --duration, then prints totals."));
    parser.addHelpOption();
    addLiveOptions(parser);
    parser.addOptions({
        {QStringLiteral("duration"), QStringLiteral("Stop after this long (e.g. 10, 2.5s, 1m)."),
         QStringLiteral("TIME")},
        {QStringLiteral("json"), QStringLiteral("Print nothing while running; print a JSON summary at exit.")},
    });
    if (const auto exit_code = parseCommandLine(parser, arguments, "monitor"))
        return *exit_code;

    const auto live = readLiveOptions(parser);
    if (!live)
        return kExitUsage;
    std::optional<std::chrono::nanoseconds> duration;
    if (parser.isSet(QStringLiteral("duration"))) {
        duration = parseDuration(parser.value(QStringLiteral("duration")).toStdString());
        if (!duration) {
            printError("bad --duration '" + parser.value(QStringLiteral("duration")).toStdString()
                       + "': expected a time such as 10, 2.5s or 1m");
            return kExitUsage;
        }
    }
    const bool json = parser.isSet(QStringLiteral("json"));

    Engine engine(live->sources.engine);
    const ProcessingStage& processing = engine.addStage(std::make_unique<ProcessingStage>(live->processing));
    if (auto failure = applyLiveSources(*live, engine)) {
        printError(*failure);
        return kExitRuntimeError;
    }
    installStopSignalHandlers();
    const auto started = Clock::now();
    engine.start();

    MonitorTable table;
    const bool tty = ::isatty(STDOUT_FILENO) != 0;
    auto next_print = started + std::chrono::seconds(1);
    std::size_t alerts_printed = 0;
    while (!stopRequested()) {
        if (!json)
            for (const AlertEvent& event : processing.alertEvents(alerts_printed)) {
                std::printf("%s\n", formatAlertEvent(event).c_str());
                ++alerts_printed;
            }
        const auto now = Clock::now();
        if (duration && now - started >= *duration)
            break;
        if (!json && now >= next_print) {
            table.print(engine, processing, std::chrono::duration<double>(now - started).count(), tty);
            next_print += std::chrono::seconds(1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    engine.stop();
    reportUnusedChannelMetadata(engine);
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (json) {
        const QByteArray text = monitorJsonSummary(engine, processing, seconds);
        std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), stdout);
    } else {
        for (const AlertEvent& event : processing.alertEvents(alerts_printed))
            std::printf("%s\n", formatAlertEvent(event).c_str());
        table.print(engine, processing, seconds, false);
        printMonitorTotals(engine, seconds);
    }
    return kExitOk;
}

} // namespace streamscope::cli
