#include "app/cli/processing_report.h"

#include "app/cli/processing_options.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace streamscope::cli {

namespace {

QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

std::string clockTime(TimeNs time_ns)
{
    const std::time_t seconds = static_cast<std::time_t>(time_ns / 1'000'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>((time_ns / 1'000'000) % 1000));
    return text;
}

} // namespace

std::string formatAlertEvent(const AlertEvent& event)
{
    char value[64];
    std::snprintf(value, sizeof value, "%.6g", event.value);
    return "ALERT " + std::string(alertStateName(event.state)) + " " + std::string(severityName(event.severity)) + " "
        + event.source + "/" + event.channel_name + " '" + event.rule + "' value " + value + " at "
        + clockTime(event.time_ns) + " UTC";
}

void printStatistics(const ProcessingSnapshot& snapshot)
{
    std::printf("%-32s %-8s %7s %10s %10s %12s %12s %12s %12s %12s %8s\n", "channel", "unit", "window", "count",
                "rate Hz", "min", "max", "mean", "std", "last", "age s");
    for (const ChannelStatistics& c : snapshot.channels) {
        const std::string name =
            c.info.display_name.empty() ? c.info.source + "/" + c.info.name : c.info.display_name;
        // Sample times can run a hair ahead of the tick that published them: show that as 0.
        const double age_s = std::max(0.0, static_cast<double>(snapshot.clock_ns - c.last_time_ns) * 1e-9);
        for (std::size_t w = 0; w < c.windows.size(); ++w) {
            const WindowStatistics& s = c.windows[w];
            const bool first = w == 0;
            std::printf("%-32.32s %-8.8s %7s %10llu %10.1f %12.6g %12.6g %12.6g %12.6g", first ? name.c_str() : "",
                        first ? c.info.unit.c_str() : "", formatWindow(s.window_ns).c_str(),
                        static_cast<unsigned long long>(s.summary.count), s.rate_hz, s.summary.min, s.summary.max,
                        s.summary.mean, s.summary.std);
            if (first)
                std::printf(" %12.6g %8.1f", c.last, age_s);
            std::printf("\n");
        }
    }
    std::printf("\nactive alerts: %zu\n", snapshot.active_alerts.size());
    for (const AlertEvent& alert : snapshot.active_alerts)
        std::printf("  %-8s %s/%s '%s' since %s UTC\n", std::string(severityName(alert.severity)).c_str(),
                    alert.source.c_str(), alert.channel_name.c_str(), alert.rule.c_str(),
                    clockTime(alert.time_ns).c_str());
}

QJsonArray alertsJson(const std::vector<AlertEvent>& events)
{
    QJsonArray alerts;
    for (const AlertEvent& e : events)
        alerts.append(QJsonObject{
            {QStringLiteral("time_ns"), static_cast<qint64>(e.time_ns)},
            {QStringLiteral("channel"), QString::fromStdString(e.channel_name)},
            {QStringLiteral("rule"), QString::fromStdString(e.rule)},
            {QStringLiteral("severity"), QString::fromUtf8(severityName(e.severity).data())},
            {QStringLiteral("state"), QString::fromUtf8(alertStateName(e.state).data())},
            {QStringLiteral("value"), jsonNumber(e.value)},
        });
    return alerts;
}

void addStatisticsJson(QJsonObject& channel, const ChannelStatistics& statistics, const ChannelTotals& totals)
{
    channel.insert(QStringLiteral("std"), jsonNumber(statistics.session.std));
    const double span_s = static_cast<double>(totals.last_time_ns - totals.first_time_ns) * 1e-9;
    const double rate = totals.count >= 2 && span_s > 0 ? static_cast<double>(totals.count - 1) / span_s : 0.0;
    channel.insert(QStringLiteral("rate"), rate);
    QJsonArray windows;
    for (const WindowStatistics& w : statistics.windows)
        windows.append(QJsonObject{
            {QStringLiteral("window_s"), static_cast<double>(w.window_ns) * 1e-9},
            {QStringLiteral("count"), static_cast<qint64>(w.summary.count)},
            {QStringLiteral("rate"), w.rate_hz},
            {QStringLiteral("min"), jsonNumber(w.summary.min)},
            {QStringLiteral("max"), jsonNumber(w.summary.max)},
            {QStringLiteral("mean"), jsonNumber(w.summary.mean)},
            {QStringLiteral("std"), jsonNumber(w.summary.std)},
        });
    channel.insert(QStringLiteral("windows"), windows);
}

} // namespace streamscope::cli
