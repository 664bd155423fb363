#include "app/cli/binary_options.h"
#include "app/cli/command.h"
#include "app/cli/option_values.h"
#include "app/cli/stop_signal.h"
#include "core/ingest/serial_writer.h"
#include "core/ingest/udp_sender.h"
#include "core/protocol/frame_encoder.h"
#include "core/protocol/line_encoder.h"
#include "core/session/duration.h"

#include <QCommandLineParser>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <thread>
#include <vector>

namespace streamscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Channel k follows a sine of its own period around k*10, to three decimals: plausible sensor
// values whose text length stays realistic.
void frameValues(std::uint64_t frame, double rate, std::vector<double>& values)
{
    const double t = rate > 0 ? static_cast<double>(frame) / rate : static_cast<double>(frame) * 1e-6;
    for (std::size_t k = 0; k < values.size(); ++k) {
        const double period = 2.0 + static_cast<double>(k);
        const double v = static_cast<double>(k + 1) * 10.0 + 5.0 * std::sin(2.0 * std::numbers::pi * t / period);
        values[k] = std::round(v * 1000.0) / 1000.0;
    }
}

// The values an integer field can count through before wrapping (2^53 for 64-bit and float fields,
// where a double stays exact).
std::uint64_t counterModulus(FieldType type)
{
    switch (type) {
    case FieldType::U8: return 256;
    case FieldType::I8: return 128;
    case FieldType::U16: return 65536;
    case FieldType::I16: return 32768;
    case FieldType::U32: return std::uint64_t{1} << 32;
    case FieldType::I32: return std::uint64_t{1} << 31;
    default: return std::uint64_t{1} << 53;
    }
}

struct GenerateSettings {
    UdpEndpoint destination;
    std::optional<SerialPortSettings> serial; // set: write to this device instead of UDP
    double rate = 1000.0; // frames per second; 0 = as fast as possible
    std::size_t channels = 8;
    TextFormat format = TextFormat::Csv;
    std::optional<std::chrono::nanoseconds> duration;
    std::optional<std::uint64_t> count;
    std::size_t datagram_bytes = 1400;
    bool json = false;
};

} // namespace

int runGenerate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Send a paced stream of generated frames (one line of K channels each, or binary frames of\n"
                       "--frame's layout) to a UDP address or a serial device:\n"
                       "the load generator for tests, demos and benchmarks. Runs until --duration, --count or "
                       "Ctrl+C."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("udp"), QStringLiteral("Destination HOST:PORT."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("serial"), QStringLiteral("Destination serial device or pseudo-terminal DEV[:BAUD[:8N1]]."),
         QStringLiteral("DEV")},
        {QStringLiteral("rate"), QStringLiteral("Frames per second (default 1000; 0 = as fast as possible)."),
         QStringLiteral("N")},
        {QStringLiteral("channels"), QStringLiteral("Channels per frame (default 8)."), QStringLiteral("K")},
        {QStringLiteral("format"), QStringLiteral("csv, kv, influx, graphite, json or binary (default csv)."),
         QStringLiteral("F"), QStringLiteral("csv")},
        {QStringLiteral("duration"), QStringLiteral("Stop after this long (e.g. 10, 2.5s)."), QStringLiteral("TIME")},
        {QStringLiteral("count"), QStringLiteral("Stop after N frames."), QStringLiteral("N")},
        {QStringLiteral("datagram-bytes"),
         QStringLiteral("Largest datagram payload; frames are packed up to it (default 1400)."),
         QStringLiteral("BYTES")},
        {QStringLiteral("json"), QStringLiteral("Report {\"frames\": N, \"seconds\": X, ...} at exit.")},
    });
    addBinaryOptions(parser);
    if (const auto exit_code = parseCommandLine(parser, arguments, "generate"))
        return *exit_code;

    GenerateSettings settings;
    std::string error;
    const auto usage = [](const std::string& message) {
        printError(message);
        return kExitUsage;
    };
    if (parser.isSet(QStringLiteral("udp")) == parser.isSet(QStringLiteral("serial")))
        return usage("generate: give one destination, --udp HOST:PORT or --serial DEV");
    if (parser.isSet(QStringLiteral("serial"))) {
        settings.serial = parseSerialPortSettings(parser.value(QStringLiteral("serial")).toStdString(), error);
        if (!settings.serial)
            return usage(error);
    } else {
        const auto destination = parseUdpEndpoint(parser.value(QStringLiteral("udp")).toStdString(), error);
        if (!destination)
            return usage(error);
        settings.destination = *destination;
    }
    DecoderOptions binary_options;
    if (wantsBinary(parser)) {
        if (!readBinaryOptions(parser, binary_options, error))
            return usage(error);
    } else {
        const auto format = parseTextFormat(parser.value(QStringLiteral("format")).toStdString());
        if (!format || *format == TextFormat::Auto)
            return usage("unknown format '" + parser.value(QStringLiteral("format")).toStdString()
                         + "': expected csv, kv, influx, graphite, json or binary");
        settings.format = *format;
    }
    if (parser.isSet(QStringLiteral("rate"))) {
        const auto rate = parseNumberValue(parser.value(QStringLiteral("rate")));
        if (!rate || *rate < 0 || *rate > 1e8)
            return usage("bad --rate '" + parser.value(QStringLiteral("rate")).toStdString()
                         + "': expected frames per second, 0 to 100000000");
        settings.rate = *rate;
    }
    if (parser.isSet(QStringLiteral("channels"))) {
        const auto channels = parseNumberValue(parser.value(QStringLiteral("channels")));
        if (!channels || *channels < 1 || *channels > 1000 || *channels != std::floor(*channels))
            return usage("bad --channels '" + parser.value(QStringLiteral("channels")).toStdString()
                         + "': expected an integer 1-1000");
        settings.channels = static_cast<std::size_t>(*channels);
    }
    if (parser.isSet(QStringLiteral("duration"))) {
        settings.duration = parseDuration(parser.value(QStringLiteral("duration")).toStdString());
        if (!settings.duration)
            return usage("bad --duration '" + parser.value(QStringLiteral("duration")).toStdString()
                         + "': expected a time such as 10 or 2.5s");
    }
    if (parser.isSet(QStringLiteral("count"))) {
        const auto count = parseNumberValue(parser.value(QStringLiteral("count")));
        if (!count || *count < 0 || *count != std::floor(*count))
            return usage("bad --count '" + parser.value(QStringLiteral("count")).toStdString()
                         + "': expected a whole number of frames");
        settings.count = static_cast<std::uint64_t>(*count);
    }
    if (parser.isSet(QStringLiteral("datagram-bytes"))) {
        const auto bytes = parseNumberValue(parser.value(QStringLiteral("datagram-bytes")));
        if (!bytes || *bytes < 64 || *bytes > 65507)
            return usage("bad --datagram-bytes '" + parser.value(QStringLiteral("datagram-bytes")).toStdString()
                         + "': expected 64-65507");
        settings.datagram_bytes = static_cast<std::size_t>(*bytes);
    }
    settings.json = parser.isSet(QStringLiteral("json"));

    UdpSender sender;
    SerialWriter serial;
    if (auto failure = settings.serial ? serial.open(*settings.serial) : sender.open(settings.destination)) {
        printError(*failure);
        return kExitRuntimeError;
    }
    installStopSignalHandlers();

    std::vector<std::string> names;
    for (std::size_t k = 1; k <= settings.channels; ++k)
        names.push_back("ch" + std::to_string(k));
    const LineEncoder encoder(settings.format, names);
    std::optional<FrameEncoder> binary;
    std::vector<std::uint8_t> binary_frame;
    if (binary_options.binary) {
        binary.emplace(binary_options.binary->layout, binary_options.binary->framing);
        settings.channels = binary_options.binary->layout.fields.size();
    }
    std::vector<double> values(settings.channels);
    bool write_failed = false;
    std::string datagram;
    std::string frame;
    datagram.reserve(settings.datagram_bytes + 4096);

    const auto started = Clock::now();
    const TimeNs start_time_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
    std::uint64_t sent = 0;
    const auto finished = [&](Clock::time_point now) {
        return stopRequested() || (settings.count && sent >= *settings.count)
            || (settings.duration && now - started >= *settings.duration);
    };
    // Pace in 1 ms ticks: each tick sends every frame that is due, packed into as few datagrams as fit.
    for (auto now = Clock::now(); !finished(now); now = Clock::now()) {
        std::uint64_t due = settings.rate > 0
            ? static_cast<std::uint64_t>(std::chrono::duration<double>(now - started).count() * settings.rate)
            : sent + 256;
        if (settings.count)
            due = std::min(due, *settings.count);
        for (; sent < due; ++sent) {
            frameValues(sent, settings.rate, values);
            const TimeNs t = start_time_ns
                + (settings.rate > 0 ? static_cast<TimeNs>(static_cast<double>(sent) * 1e9 / settings.rate) : 0);
            frame.clear();
            if (binary) {
                // The first field counts frames, wrapping at its type's range, so that a receiver can check
                // it got every one in order.
                values[0] = static_cast<double>(sent % counterModulus(binary->layout().fields[0].type));
                binary_frame.clear();
                binary->append(binary_frame, t, values);
                frame.assign(binary_frame.begin(), binary_frame.end());
            } else {
                encoder.append(frame, t, values);
            }
            if (settings.serial) {
                datagram += frame; // a byte stream: one write per tick
                continue;
            }
            if (!datagram.empty() && datagram.size() + frame.size() > settings.datagram_bytes) {
                sender.queue(datagram);
                datagram.clear();
            }
            datagram += frame;
        }
        if (settings.serial) {
            if (!datagram.empty() && !serial.write(datagram)) {
                write_failed = !stopRequested();
                break;
            }
            datagram.clear();
        } else if (!datagram.empty()) {
            sender.queue(datagram);
            datagram.clear();
        }
        sender.flush();
        if (settings.rate > 0)
            std::this_thread::sleep_until(now + std::chrono::milliseconds(1));
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (write_failed) {
        printError(serial.lastError());
        return kExitRuntimeError;
    }
    if (settings.serial) {
        if (settings.json)
            std::printf("{\"frames\": %llu, \"seconds\": %.6f, \"bytes\": %llu}\n",
                        static_cast<unsigned long long>(sent), seconds,
                        static_cast<unsigned long long>(serial.bytesWritten()));
        else
            std::printf("sent %llu frames (%llu bytes) to serial:%s in %.2f s\n", static_cast<unsigned long long>(sent),
                        static_cast<unsigned long long>(serial.bytesWritten()), settings.serial->device.c_str(),
                        seconds);
        return kExitOk;
    }
    if (settings.json) {
        std::printf("{\"frames\": %llu, \"seconds\": %.6f, \"datagrams\": %llu, \"send_errors\": %llu}\n",
                    static_cast<unsigned long long>(sent), seconds,
                    static_cast<unsigned long long>(sender.datagramsSent()),
                    static_cast<unsigned long long>(sender.sendErrors()));
    } else {
        std::printf("sent %llu frames in %llu datagrams to udp:%s in %.2f s (%.0f frames/s)\n",
                    static_cast<unsigned long long>(sent), static_cast<unsigned long long>(sender.datagramsSent()),
                    settings.destination.toString().c_str(), seconds, seconds > 0 ? sent / seconds : 0.0);
        if (sender.sendErrors() > 0)
            std::printf("%llu datagrams could not be sent: %s\n",
                        static_cast<unsigned long long>(sender.sendErrors()), sender.lastError().c_str());
    }
    return kExitOk;
}

} // namespace streamscope::cli
