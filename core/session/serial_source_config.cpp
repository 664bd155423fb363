#include "core/session/serial_source_config.h"

#include "core/protocol/frame_layout.h"

#include <QJsonValue>

namespace streamscope {

namespace {

// A whole number in [low, high], or nullopt.
std::optional<unsigned> wholeNumber(const QJsonValue& value, double low, double high)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < low || number > high || number != static_cast<double>(static_cast<unsigned>(number)))
        return std::nullopt;
    return static_cast<unsigned>(number);
}

} // namespace

std::optional<SerialSourceOptions> serialSourceFromJson(const QJsonObject& object, const DecoderOptions& text_decoder,
                                                        std::string& error)
{
    SerialSourceOptions options;
    options.decoder = text_decoder;
    const auto fail = [&](const char* key, const std::string& why) {
        error = std::string("serial source \"") + key + "\": " + why;
        return std::nullopt;
    };
    const QString device = object.value(QStringLiteral("serial")).toString();
    if (device.isEmpty())
        return fail("serial", "expected the device path, e.g. \"/dev/ttyUSB0\"");
    options.port.device = device.toStdString();

    if (object.contains(QStringLiteral("baud"))) {
        const auto baud = wholeNumber(object.value(QStringLiteral("baud")), 50, 20'000'000);
        if (!baud)
            return fail("baud", "expected a whole number from 50 to 20000000");
        options.port.baud_rate = *baud;
    }
    if (object.contains(QStringLiteral("data_bits"))) {
        const auto bits = wholeNumber(object.value(QStringLiteral("data_bits")), 5, 8);
        if (!bits)
            return fail("data_bits", "expected 5, 6, 7 or 8");
        options.port.data_bits = *bits;
    }
    if (object.contains(QStringLiteral("stop_bits"))) {
        const auto bits = wholeNumber(object.value(QStringLiteral("stop_bits")), 1, 2);
        if (!bits)
            return fail("stop_bits", "expected 1 or 2");
        options.port.stop_bits = *bits;
    }
    if (object.contains(QStringLiteral("parity"))) {
        const QString parity = object.value(QStringLiteral("parity")).toString();
        if (parity == QLatin1String("none"))
            options.port.parity = Parity::None;
        else if (parity == QLatin1String("even"))
            options.port.parity = Parity::Even;
        else if (parity == QLatin1String("odd"))
            options.port.parity = Parity::Odd;
        else
            return fail("parity", "expected \"none\", \"even\" or \"odd\"");
    }
    if (object.contains(QStringLiteral("flow_control"))) {
        const QString flow = object.value(QStringLiteral("flow_control")).toString();
        if (flow == QLatin1String("none"))
            options.port.flow_control = FlowControl::None;
        else if (flow == QLatin1String("rtscts"))
            options.port.flow_control = FlowControl::Hardware;
        else if (flow == QLatin1String("xonxoff"))
            options.port.flow_control = FlowControl::Software;
        else
            return fail("flow_control", "expected \"none\", \"rtscts\" or \"xonxoff\"");
    }
    if (object.contains(QStringLiteral("frame"))) {
        auto binary = std::make_shared<BinaryFraming>();
        std::string layout_error;
        const std::string spec = object.value(QStringLiteral("frame")).toString().toStdString();
        const auto layout = parseFrameLayout(spec, layout_error);
        if (!layout)
            return fail("frame", layout_error);
        binary->layout = *layout;
        if (object.contains(QStringLiteral("framing"))) {
            const auto framing = parseFraming(object.value(QStringLiteral("framing")).toString().toStdString());
            if (!framing)
                return fail("framing", "expected \"sync\", \"cobs\" or \"slip\"");
            binary->framing = *framing;
        }
        options.decoder.binary = std::move(binary);
    } else if (object.contains(QStringLiteral("framing"))) {
        return fail("framing", "applies to binary frames only: add \"frame\"");
    }
    return options;
}

QJsonObject serialSourceToJson(const SerialSourceOptions& options)
{
    const SerialPortSettings& port = options.port;
    QJsonObject object{
        {QStringLiteral("serial"), QString::fromStdString(port.device)},
        {QStringLiteral("baud"), static_cast<qint64>(port.baud_rate)},
        {QStringLiteral("data_bits"), static_cast<qint64>(port.data_bits)},
        {QStringLiteral("parity"), port.parity == Parity::Even ? QStringLiteral("even")
                                   : port.parity == Parity::Odd ? QStringLiteral("odd")
                                                                : QStringLiteral("none")},
        {QStringLiteral("stop_bits"), static_cast<qint64>(port.stop_bits)},
        {QStringLiteral("flow_control"), port.flow_control == FlowControl::Hardware ? QStringLiteral("rtscts")
                                         : port.flow_control == FlowControl::Software ? QStringLiteral("xonxoff")
                                                                                       : QStringLiteral("none")},
    };
    if (options.decoder.binary) {
        object.insert(QStringLiteral("frame"), QString::fromStdString(options.decoder.binary->layout.text));
        const std::string_view framing = framingName(options.decoder.binary->framing);
        object.insert(QStringLiteral("framing"),
                      QString::fromUtf8(framing.data(), static_cast<qsizetype>(framing.size())));
    }
    return object;
}

} // namespace streamscope
