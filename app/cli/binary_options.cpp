#include "app/cli/binary_options.h"

#include "core/protocol/frame_layout.h"

namespace streamscope::cli {

void addBinaryOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("frame"),
         QStringLiteral("Binary frame layout (implies --format binary), e.g. 'sync=AA55 le u16:seq f32:ax "
                        "crc=crc16-ccitt'. Tokens: sync=HEX, le, be, TYPE:NAME[*SCALE][+OFFSET] (TYPE: u8 i8 u16 "
                        "i16 u32 i32 u64 i64 f32 f64), pad:N, len=u8|u16, time=TYPE:UNIT, crc=xor8|sum8|"
                        "crc16-ccitt|crc16-modbus|crc32."),
         QStringLiteral("LAYOUT")},
        {QStringLiteral("framing"),
         QStringLiteral("How binary frames are cut from a byte stream: sync (hunt for the sync bytes, default), "
                        "cobs or slip."),
         QStringLiteral("F")},
    });
}

bool wantsBinary(const QCommandLineParser& parser)
{
    return parser.value(QStringLiteral("format")) == QLatin1String("binary") || parser.isSet(QStringLiteral("frame"))
        || parser.isSet(QStringLiteral("framing"));
}

bool readBinaryOptions(const QCommandLineParser& parser, DecoderOptions& options, std::string& error)
{
    if (!parser.isSet(QStringLiteral("frame"))) {
        error = std::string(parser.isSet(QStringLiteral("framing")) ? "--framing" : "--format binary")
            + " needs --frame 'LAYOUT' (e.g. --frame 'sync=AA55 le u16:seq f32:x crc=crc16-ccitt')";
        return false;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (parser.isSet(QStringLiteral("format")) && format != QLatin1String("binary")) {
        error = "--frame declares binary frames, but --format is '" + format.toStdString() + "'";
        return false;
    }
    auto binary = std::make_shared<BinaryFraming>();
    const auto layout = parseFrameLayout(parser.value(QStringLiteral("frame")).toStdString(), error);
    if (!layout)
        return false;
    binary->layout = *layout;
    if (parser.isSet(QStringLiteral("framing"))) {
        const QString name = parser.value(QStringLiteral("framing"));
        const auto framing = parseFraming(name.toStdString());
        if (!framing) {
            error = "bad --framing '" + name.toStdString() + "': expected sync, cobs or slip";
            return false;
        }
        binary->framing = *framing;
    }
    options.binary = std::move(binary);
    return true;
}

} // namespace streamscope::cli
