#include "core/session/session_saver.h"

#include "core/session/duration.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace streamscope {

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString timeUnitName(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Seconds: return QStringLiteral("s");
    case TimeUnit::Milliseconds: return QStringLiteral("ms");
    case TimeUnit::Microseconds: return QStringLiteral("us");
    case TimeUnit::Nanoseconds: return QStringLiteral("ns");
    }
    return QStringLiteral("s");
}

void writeDecoder(const SourceConfig& source, QJsonObject& out)
{
    if (source.decoder.max_channels != DecoderOptions::kDefaultMaxChannels)
        out.insert(QStringLiteral("max_channels"), static_cast<qint64>(source.decoder.max_channels));
    if (source.binary) {
        out.insert(QStringLiteral("format"), QStringLiteral("binary"));
        out.insert(QStringLiteral("frame"), qs(source.frame));
        return;
    }
    const DecoderOptions& d = source.decoder;
    out.insert(QStringLiteral("format"), qs(textFormatName(d.format)));
    if (d.csv_separator != ',')
        out.insert(QStringLiteral("separator"), d.csv_separator == '\t' ? QStringLiteral("tab") : QString(QLatin1Char(d.csv_separator)));
    if (d.csv_time_column)
        out.insert(QStringLiteral("time_column"), *d.csv_time_column);
    if (d.csv_time_unit != TimeUnit::Seconds)
        out.insert(QStringLiteral("time_unit"), timeUnitName(d.csv_time_unit));
    if (d.influx_precision != TimeUnit::Nanoseconds)
        out.insert(QStringLiteral("precision"), timeUnitName(d.influx_precision));
    if (!d.json_time_key.empty())
        out.insert(QStringLiteral("time_key"), qs(d.json_time_key));
}

QJsonObject sourceToJson(const SourceConfig& source)
{
    QJsonObject out{{QStringLiteral("type"), qs(sourceTypeName(source.type))}};
    switch (source.type) {
    case SourceType::Udp:
        out.insert(QStringLiteral("address"), qs(source.address));
        out.insert(QStringLiteral("port"), source.port);
        if (!source.multicast_interface.empty())
            out.insert(QStringLiteral("multicast_interface"), qs(source.multicast_interface));
        if (source.receive_buffer_bytes)
            out.insert(QStringLiteral("rcvbuf"), *source.receive_buffer_bytes);
        if (!source.allow_from.empty()) {
            QJsonArray networks;
            for (const std::string& network : source.allow_from)
                networks.append(qs(network));
            out.insert(QStringLiteral("allow_from"), networks);
        }
        writeDecoder(source, out);
        break;
    case SourceType::Demo:
        out.insert(QStringLiteral("rate"), source.rate_hz);
        break;
    case SourceType::Serial:
        out.insert(QStringLiteral("device"), qs(source.device));
        out.insert(QStringLiteral("baud"), source.baud);
        out.insert(QStringLiteral("settings"), qs(source.settings));
        if (source.framing != SerialFraming::None)
            out.insert(QStringLiteral("framing"), qs(serialFramingName(source.framing)));
        writeDecoder(source, out);
        break;
    }
    return out;
}

QJsonValue durationJson(TimeNs ns)
{
    return qs(formatDuration(std::chrono::nanoseconds(ns)));
}

} // namespace

QJsonObject sessionToJson(const SessionConfig& config)
{
    QJsonObject out{{QStringLiteral("version"), config.version}};
    QJsonArray sources;
    for (const SourceConfig& source : config.sources)
        sources.append(sourceToJson(source));
    out.insert(QStringLiteral("sources"), sources);
    if (!config.channels.empty()) {
        QJsonArray channels;
        for (const ChannelConfig& c : config.channels) {
            QJsonObject channel{{QStringLiteral("name"), qs(c.name)}};
            if (!c.display_name.empty())
                channel.insert(QStringLiteral("display_name"), qs(c.display_name));
            if (!c.unit.empty())
                channel.insert(QStringLiteral("unit"), qs(c.unit));
            if (c.scale != 1.0)
                channel.insert(QStringLiteral("scale"), c.scale);
            if (c.offset != 0.0)
                channel.insert(QStringLiteral("offset"), c.offset);
            channels.append(channel);
        }
        out.insert(QStringLiteral("channels"), channels);
    }
    QJsonArray windows;
    for (TimeNs window : config.windows)
        windows.append(durationJson(window));
    out.insert(QStringLiteral("statistics"), QJsonObject{{QStringLiteral("windows"), windows}});
    if (!config.alerts.empty()) {
        QJsonArray alerts;
        for (const AlertRule& rule : config.alerts)
            alerts.append(qs(rule.text));
        out.insert(QStringLiteral("alerts"), alerts);
    }
    if (const auto& r = config.recording) {
        QJsonObject recording{{QStringLiteral("path"), qs(r->path)},
                              {QStringLiteral("flush_interval"), durationJson(r->flush_interval_ns)},
                              {QStringLiteral("compression"), r->compression}};
        if (r->rotate_bytes)
            recording.insert(QStringLiteral("rotate"), QString::number(*r->rotate_bytes));
        else if (r->rotate_interval_ns)
            recording.insert(QStringLiteral("rotate"), durationJson(*r->rotate_interval_ns));
        out.insert(QStringLiteral("recording"), recording);
    }
    if (!config.gui.isEmpty())
        out.insert(QStringLiteral("gui"), config.gui);
    return out;
}

QByteArray saveSession(const SessionConfig& config)
{
    return QJsonDocument(sessionToJson(config)).toJson(QJsonDocument::Indented);
}

} // namespace streamscope
