#include "app/cli/monitor_summary.h"

#include "app/cli/processing_report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace streamscope::cli {

namespace {

QJsonValue jsonNumber(double value)
{
    // JSON has no NaN or infinity; null says "no finite value".
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

struct Totals {
    std::uint64_t frames = 0;
    std::uint64_t decode_errors = 0;
    std::uint64_t kernel_drops = 0;
    std::uint64_t ring_drops = 0;
    std::uint64_t over_channel_cap = 0;
    std::uint64_t rejected_senders = 0;
};

Totals sumSources(const std::vector<SourceStatus>& sources)
{
    Totals t;
    for (const SourceStatus& s : sources) {
        t.frames += s.frames;
        t.decode_errors += s.decode_errors;
        t.kernel_drops += s.kernel_drops;
        t.ring_drops += s.ring_drops;
        t.over_channel_cap += s.over_channel_cap;
        t.rejected_senders += s.rejected_senders;
    }
    return t;
}

} // namespace

QByteArray monitorJsonSummary(const Engine& engine, const ProcessingStage& processing, double seconds)
{
    const auto sources = engine.sourceStatus();
    const Totals totals = sumSources(sources);
    const ProcessingSnapshot statistics = processing.snapshot();
    QJsonArray channels;
    for (const ChannelSnapshot& c : engine.store().snapshot()) {
        QJsonObject channel{
            {QStringLiteral("name"), QString::fromStdString(c.info.name)},
            {QStringLiteral("display_name"), QString::fromStdString(c.info.display_name)},
            {QStringLiteral("unit"), QString::fromStdString(c.info.unit)},
            {QStringLiteral("source"), QString::fromStdString(c.info.source)},
            {QStringLiteral("count"), static_cast<qint64>(c.totals.count)},
            {QStringLiteral("last"), jsonNumber(c.totals.last)},
            {QStringLiteral("min"), jsonNumber(c.totals.min)},
            {QStringLiteral("max"), jsonNumber(c.totals.max)},
            {QStringLiteral("mean"), jsonNumber(c.totals.mean)},
            {QStringLiteral("non_finite"), static_cast<qint64>(c.totals.non_finite)},
            {QStringLiteral("out_of_order"), static_cast<qint64>(c.totals.out_of_order)},
        };
        if (c.index < statistics.channels.size())
            addStatisticsJson(channel, statistics.channels[c.index], c.totals);
        channels.append(channel);
    }
    QJsonArray source_array;
    for (const SourceStatus& s : sources) {
        QJsonArray gaps; // a serial device away: start and end (null while still away), ns since the epoch
        for (const SourceGap& gap : s.gaps)
            gaps.append(QJsonObject{{QStringLiteral("start_ns"), static_cast<qint64>(gap.start_ns)},
                                    {QStringLiteral("end_ns"), gap.end_ns != 0 ? QJsonValue(static_cast<qint64>(gap.end_ns))
                                                                               : QJsonValue(QJsonValue::Null)}});
        source_array.append(QJsonObject{
            {QStringLiteral("gaps"), gaps},
            {QStringLiteral("name"), QString::fromStdString(s.name)},
            {QStringLiteral("datagrams"), static_cast<qint64>(s.datagrams)},
            {QStringLiteral("bytes"), static_cast<qint64>(s.bytes)},
            {QStringLiteral("frames"), static_cast<qint64>(s.frames)},
            {QStringLiteral("decode_errors"), static_cast<qint64>(s.decode_errors)},
            {QStringLiteral("last_error"), QString::fromStdString(s.last_error)},
            {QStringLiteral("over_channel_cap"), static_cast<qint64>(s.over_channel_cap)},
            {QStringLiteral("rejected_senders"), static_cast<qint64>(s.rejected_senders)},
            {QStringLiteral("drops"), QJsonObject{{QStringLiteral("kernel"), static_cast<qint64>(s.kernel_drops)},
                                                  {QStringLiteral("ring"), static_cast<qint64>(s.ring_drops)}}},
        });
    }
    QJsonObject summary{
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("frames"), static_cast<qint64>(totals.frames)},
        {QStringLiteral("samples"), static_cast<qint64>(engine.pipeline().samplesProcessed())},
        {QStringLiteral("decode_errors"), static_cast<qint64>(totals.decode_errors)},
        {QStringLiteral("over_channel_cap"), static_cast<qint64>(totals.over_channel_cap)},
        {QStringLiteral("rejected_senders"), static_cast<qint64>(totals.rejected_senders)},
        {QStringLiteral("drops"), QJsonObject{{QStringLiteral("kernel"), static_cast<qint64>(totals.kernel_drops)},
                                              {QStringLiteral("ring"), static_cast<qint64>(totals.ring_drops)}}},
        {QStringLiteral("channels"), channels},
        {QStringLiteral("sources"), source_array},
    };
    summary.insert(QStringLiteral("alerts"), alertsJson(processing.alertEvents()));
    return QJsonDocument(summary).toJson(QJsonDocument::Indented);
}

void printMonitorTotals(const Engine& engine, double seconds)
{
    const auto sources = engine.sourceStatus();
    const Totals totals = sumSources(sources);
    std::printf("\n%.1f s: %llu frames, %llu samples, %zu channels, %llu decode errors, drops: %llu kernel, "
                "%llu ring, %llu over the channel cap; %llu datagrams rejected by --allow-from\n",
                seconds, static_cast<unsigned long long>(totals.frames),
                static_cast<unsigned long long>(engine.pipeline().samplesProcessed()),
                engine.store().channelCount(), static_cast<unsigned long long>(totals.decode_errors),
                static_cast<unsigned long long>(totals.kernel_drops),
                static_cast<unsigned long long>(totals.ring_drops),
                static_cast<unsigned long long>(totals.over_channel_cap),
                static_cast<unsigned long long>(totals.rejected_senders));
}

} // namespace streamscope::cli
