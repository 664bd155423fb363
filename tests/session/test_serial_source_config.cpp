#include "core/protocol/frame_layout.h"
#include "core/session/serial_source_config.h"

#include <QJsonDocument>
#include <QTest>

using namespace streamscope;

namespace {

QJsonObject parse(const char* json) { return QJsonDocument::fromJson(json).object(); }

} // namespace

class TestSerialSourceConfig : public QObject {
    Q_OBJECT

private slots:
    void aFullObjectGivesEverySetting()
    {
        std::string error;
        const auto options = serialSourceFromJson(
            parse(R"({"serial": "/dev/ttyACM0", "baud": 2000000, "data_bits": 7, "parity": "odd", "stop_bits": 2,
                      "flow_control": "rtscts", "frame": "sync=AA55 le u16:seq f32:ax crc=crc16-ccitt",
                      "framing": "cobs"})"),
            DecoderOptions{}, error);
        QVERIFY2(options.has_value(), error.c_str());
        QCOMPARE(options->port.toString(), std::string("/dev/ttyACM0:2000000:7O2:rtscts"));
        QVERIFY(options->decoder.binary != nullptr);
        QCOMPARE(options->decoder.binary->layout.fields.size(), std::size_t{2});
        QCOMPARE(options->decoder.binary->framing, Framing::Cobs);
    }

    void onlyTheDeviceIsRequiredAndTextUsesTheSessionsDecoder()
    {
        DecoderOptions text;
        text.format = TextFormat::Csv;
        std::string error;
        const auto options = serialSourceFromJson(parse(R"({"serial": "/dev/ttyUSB0"})"), text, error);
        QVERIFY2(options.has_value(), error.c_str());
        QCOMPARE(options->port.toString(), std::string("/dev/ttyUSB0:115200:8N1"));
        QVERIFY(options->decoder.binary == nullptr);
        QCOMPARE(options->decoder.format, TextFormat::Csv);
    }

    void writingAndReadingBackGivesTheSameObject()
    {
        const QJsonObject original = parse(R"({"serial": "/dev/ttyS1", "baud": 9600, "data_bits": 8, "parity": "even",
            "stop_bits": 1, "flow_control": "xonxoff", "frame": "be u32:n crc=crc32", "framing": "slip"})");
        std::string error;
        const auto options = serialSourceFromJson(original, DecoderOptions{}, error);
        QVERIFY2(options.has_value(), error.c_str());
        QCOMPARE(serialSourceToJson(*options), original);
    }

    void badValuesNameTheirKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no device") << QByteArray(R"({"baud": 9600})") << "serial source \"serial\"";
        QTest::newRow("baud") << QByteArray(R"({"serial": "/dev/x", "baud": 12.5})") << "serial source \"baud\"";
        QTest::newRow("data bits") << QByteArray(R"({"serial": "/dev/x", "data_bits": 9})") << "\"data_bits\"";
        QTest::newRow("parity") << QByteArray(R"({"serial": "/dev/x", "parity": "mark"})") << "\"parity\"";
        QTest::newRow("flow") << QByteArray(R"({"serial": "/dev/x", "flow_control": "dtr"})") << "\"flow_control\"";
        QTest::newRow("frame") << QByteArray(R"({"serial": "/dev/x", "frame": "u24:x"})") << "'u24:x'";
        QTest::newRow("framing") << QByteArray(R"({"serial": "/dev/x", "frame": "u8:x", "framing": "hdlc"})")
                                 << "\"framing\"";
        QTest::newRow("framing without frame") << QByteArray(R"({"serial": "/dev/x", "framing": "cobs"})")
                                               << "binary frames only";
    }
    void badValuesNameTheirKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!serialSourceFromJson(QJsonDocument::fromJson(json).object(), DecoderOptions{}, error).has_value());
        QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestSerialSourceConfig)
#include "test_serial_source_config.moc"
