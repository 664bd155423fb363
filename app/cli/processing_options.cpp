#include "app/cli/processing_options.h"

#include "core/processing/alert_rule_parser.h"
#include "core/session/duration.h"

#include <cstdio>

namespace streamscope::cli {

void addProcessingOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("window"),
         QStringLiteral("A statistics window of sample time, e.g. 10s or 500ms. Repeatable; replaces the "
                        "default 1s, 10s and 60s."),
         QStringLiteral("TIME")},
        {QStringLiteral("alert"),
         QStringLiteral("An alert rule, e.g. 'temp > 30 clear < 28 for 500ms critical', 'hb stale 1s', "
                        "'p outside 0..5', 'x rate > 5/s', '* nan'. Repeatable; replaces the session's rules."),
         QStringLiteral("RULE")},
    });
}

std::optional<ProcessingOptions> readProcessingOptions(const QCommandLineParser& parser, ProcessingOptions defaults,
                                                       std::string& error)
{
    ProcessingOptions options = std::move(defaults);
    if (parser.isSet(QStringLiteral("window"))) {
        options.windows.clear();
        for (const QString& text : parser.values(QStringLiteral("window"))) {
            const auto window = parseDuration(text.toStdString());
            if (!window || window->count() <= 0) {
                error = "bad --window '" + text.toStdString() + "': expected a time above zero such as 10s or 500ms";
                return std::nullopt;
            }
            options.windows.push_back(window->count());
        }
    }
    if (parser.isSet(QStringLiteral("alert"))) {
        options.rules.clear();
        for (const QString& text : parser.values(QStringLiteral("alert"))) {
            auto rule = parseAlertRule(text.toStdString(), error);
            if (!rule)
                return std::nullopt;
            options.rules.push_back(std::move(*rule));
        }
    }
    return options;
}

std::string formatWindow(TimeNs window_ns)
{
    return formatDuration(std::chrono::nanoseconds(window_ns));
}

} // namespace streamscope::cli
