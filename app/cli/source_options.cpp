#include "app/cli/source_options.h"

#include "app/cli/option_values.h"

#include "app/cli/binary_options.h"

#include <charconv>

namespace streamscope::cli {


void addSourceOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("udp"), QStringLiteral("Listen for UDP datagrams on ADDR:PORT ([V6]:PORT, :PORT; a multicast "
                                               "address joins the group). Repeatable."),
         QStringLiteral("ADDR:PORT")},
        {QStringLiteral("serial"),
         QStringLiteral("Read a serial device: DEV[:BAUD[:8N1[:FLOW]]], e.g. /dev/ttyUSB0:2000000:8N1 (FLOW: none, "
                        "rtscts, xonxoff; default 115200 8N1). Repeatable."),
         QStringLiteral("DEV")},
        {QStringLiteral("demo"), QStringLiteral("Use the built-in demo stream.")},
        {QStringLiteral("demo-rate"), QStringLiteral("Samples per second per demo channel (default 1000)."),
         QStringLiteral("HZ")},
        {QStringLiteral("multicast-interface"), QStringLiteral("Local IPv4 address to join multicast groups on."),
         QStringLiteral("ADDR")},
        {QStringLiteral("rcvbuf"), QStringLiteral("Kernel receive buffer to request, in bytes (default 8388608)."),
         QStringLiteral("BYTES")},
        {QStringLiteral("allow-from"),
         QStringLiteral("Accept UDP datagrams only from this network (CIDR, e.g. 192.168.1.0/24 or fd00::/8; a bare "
                        "address is one host); the rest are counted as rejected. Repeatable."),
         QStringLiteral("CIDR")},
        {QStringLiteral("history"), QStringLiteral("Points kept per channel for display (default 1000000)."),
         QStringLiteral("N")},
    });
    parser.addOptions({
        {QStringLiteral("format"),
         QStringLiteral("Wire format: auto, csv, kv, influx, graphite, json, binary (default auto)."),
         QStringLiteral("F"), QStringLiteral("auto")},
        {QStringLiteral("separator"), QStringLiteral("CSV separator: ',' ';' or 'tab' (default ',')."),
         QStringLiteral("SEP")},
        {QStringLiteral("time-column"), QStringLiteral("CSV: 1-based column holding a timestamp."),
         QStringLiteral("N")},
        {QStringLiteral("time-unit"),
         QStringLiteral("Unit of the CSV time column or JSON time key: s, ms, us, ns (default s)."),
         QStringLiteral("UNIT")},
        {QStringLiteral("precision"), QStringLiteral("InfluxDB timestamp precision: s, ms, us, ns (default ns)."),
         QStringLiteral("UNIT")},
        {QStringLiteral("time-key"), QStringLiteral("JSON: dotted key holding the timestamp."), QStringLiteral("KEY")},
        {QStringLiteral("max-channels"),
         QStringLiteral("Distinct channel names per source; samples of further names are counted and dropped "
                        "(default 1024)."),
         QStringLiteral("N")},
    });
    addBinaryOptions(parser);
}

std::optional<DecoderOptions> readDecoderOptions(const QCommandLineParser& parser, std::string& error)
{
    DecoderOptions options;
    if (parser.isSet(QStringLiteral("max-channels"))) {
        const auto cap = parseIntegerValue(parser.value(QStringLiteral("max-channels")));
        if (!cap || *cap < 1 || *cap > static_cast<long long>(DecoderOptions::kMaxMaxChannels)) {
            error = "bad --max-channels " + quoted(parser.value(QStringLiteral("max-channels")))
                + ": expected a channel count from 1 to 1000000";
            return std::nullopt;
        }
        options.max_channels = static_cast<std::size_t>(*cap);
    }
    if (wantsBinary(parser)) {
        if (!readBinaryOptions(parser, options, error))
            return std::nullopt;
        return options;
    }
    const QString format = parser.value(QStringLiteral("format"));
    const auto parsed_format = parseTextFormat(format.toStdString());
    if (!parsed_format) {
        error = "unknown format " + quoted(format) + ": expected auto, csv, kv, influx, graphite, json or binary";
        return std::nullopt;
    }
    options.format = *parsed_format;

    if (parser.isSet(QStringLiteral("separator"))) {
        const QString separator = parser.value(QStringLiteral("separator"));
        if (separator == QLatin1String(",") || separator == QLatin1String(";"))
            options.csv_separator = separator.at(0).toLatin1();
        else if (separator == QLatin1String("tab") || separator == QLatin1String("\t"))
            options.csv_separator = '\t';
        else {
            error = "bad --separator " + quoted(separator) + ": expected ',', ';' or 'tab'";
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("time-column"))) {
        const auto column = parseIntegerValue(parser.value(QStringLiteral("time-column")));
        if (!column || *column < 1 || *column > 4096) {
            error = "bad --time-column " + quoted(parser.value(QStringLiteral("time-column")))
                + ": expected a column number from 1";
            return std::nullopt;
        }
        options.csv_time_column = static_cast<int>(*column);
    }
    const auto readUnit = [&](const QString& name, TimeUnit& unit) {
        if (!parser.isSet(name))
            return true;
        const auto parsed = parseTimeUnit(parser.value(name).toStdString());
        if (!parsed) {
            error = "bad --" + name.toStdString() + " " + quoted(parser.value(name)) + ": expected s, ms, us or ns";
            return false;
        }
        unit = *parsed;
        return true;
    };
    if (!readUnit(QStringLiteral("time-unit"), options.csv_time_unit)
        || !readUnit(QStringLiteral("precision"), options.influx_precision))
        return std::nullopt;
    options.json_time_unit = options.csv_time_unit;
    options.json_time_key = parser.value(QStringLiteral("time-key")).toStdString();
    return options;
}

std::optional<SourceSetup> readSourceOptions(const QCommandLineParser& parser, std::string& error,
                                             bool sources_optional)
{
    SourceSetup setup;
    const auto decoder = readDecoderOptions(parser, error);
    if (!decoder)
        return std::nullopt;

    int receive_buffer = UdpSourceOptions{}.receive_buffer_bytes;
    if (parser.isSet(QStringLiteral("rcvbuf"))) {
        const auto bytes = parseIntegerValue(parser.value(QStringLiteral("rcvbuf")));
        if (!bytes || *bytes < 0 || *bytes > (1LL << 30)) {
            error = "bad --rcvbuf " + quoted(parser.value(QStringLiteral("rcvbuf"))) + ": expected bytes, 0 to 1 GiB";
            return std::nullopt;
        }
        receive_buffer = static_cast<int>(*bytes);
    }
    std::vector<AddressRange> allowed;
    for (const QString& network : parser.values(QStringLiteral("allow-from"))) {
        const auto range = parseAddressRange(network.toStdString(), error);
        if (!range) {
            error = "--allow-from: " + error;
            return std::nullopt;
        }
        allowed.push_back(*range);
    }
    for (const QString& address : parser.values(QStringLiteral("udp"))) {
        const auto endpoint = parseUdpEndpoint(address.toStdString(), error);
        if (!endpoint)
            return std::nullopt;
        UdpSourceOptions udp;
        udp.endpoint = *endpoint;
        udp.multicast_interface = parser.value(QStringLiteral("multicast-interface")).toStdString();
        udp.receive_buffer_bytes = receive_buffer;
        udp.allow_from = SenderFilter(allowed);
        udp.decoder = *decoder;
        setup.udp.push_back(std::move(udp));
    }

    for (const QString& device : parser.values(QStringLiteral("serial"))) {
        const auto port = parseSerialPortSettings(device.toStdString(), error);
        if (!port)
            return std::nullopt;
        SerialSourceOptions serial;
        serial.port = *port;
        serial.decoder = *decoder;
        setup.serial.push_back(std::move(serial));
    }

    setup.demo = parser.isSet(QStringLiteral("demo"));
    if (parser.isSet(QStringLiteral("demo-rate"))) {
        const auto rate = parseNumberValue(parser.value(QStringLiteral("demo-rate")));
        if (!rate || *rate <= 0.0 || *rate > 1e6) {
            error = "bad --demo-rate " + quoted(parser.value(QStringLiteral("demo-rate")))
                + ": expected samples per second, above 0 and at most 1000000";
            return std::nullopt;
        }
        setup.demo_options.rate_hz = *rate;
    }
    if (parser.isSet(QStringLiteral("history"))) {
        const auto points = parseIntegerValue(parser.value(QStringLiteral("history")));
        if (!points || *points < 1 || *points > 1'000'000'000) {
            error = "bad --history " + quoted(parser.value(QStringLiteral("history"))) + ": expected a point count from 1";
            return std::nullopt;
        }
        setup.engine.history_length = static_cast<std::size_t>(*points);
    }
    if (setup.udp.empty() && setup.serial.empty() && !setup.demo && !sources_optional) {
        error = "no source given: add --udp ADDR:PORT, --serial DEV or --demo";
        return std::nullopt;
    }
    return setup;
}

std::optional<std::string> applySourceSetup(const SourceSetup& setup, Engine& engine)
{
    for (const UdpSourceOptions& udp : setup.udp)
        if (auto failure = engine.addUdpSource(udp))
            return failure;
    for (const SerialSourceOptions& serial : setup.serial)
        if (auto failure = engine.addSerialSource(serial))
            return failure;
    if (setup.demo)
        engine.addDemoSource(setup.demo_options);
    return std::nullopt;
}

} // namespace streamscope::cli
