#include "core/ingest/serial_port_settings.h"

#include <QTest>

using namespace streamscope;

class TestSerialPortSettings : public QObject {
    Q_OBJECT

private slots:
    void aBareDeviceTakesTheDefaults()
    {
        std::string error;
        const auto s = parseSerialPortSettings("/dev/ttyUSB0", error);
        QVERIFY2(s.has_value(), error.c_str());
        QCOMPARE(s->device, std::string("/dev/ttyUSB0"));
        QCOMPARE(s->baud_rate, 115200U);
        QCOMPARE(s->toString(), std::string("/dev/ttyUSB0:115200:8N1"));
    }

    void baudFormatAndFlowAreReadFromTheRight()
    {
        std::string error;
        const auto s = parseSerialPortSettings("/dev/ttyACM1:2000000:7e2:rtscts", error);
        QVERIFY2(s.has_value(), error.c_str());
        QCOMPARE(s->device, std::string("/dev/ttyACM1"));
        QCOMPARE(s->baud_rate, 2000000U); // not a standard rate: set through termios2
        QCOMPARE(s->data_bits, 7U);
        QCOMPARE(s->parity, Parity::Even);
        QCOMPARE(s->stop_bits, 2U);
        QCOMPARE(s->flow_control, FlowControl::Hardware);
        QCOMPARE(s->toString(), std::string("/dev/ttyACM1:2000000:7E2:rtscts"));
    }

    void colonsInsideTheDevicePathStayInThePath()
    {
        std::string error;
        const auto s =
            parseSerialPortSettings("/dev/serial/by-path/pci-0000:00:14.0-usb-0:1.2:1.0-port0:9600", error);
        QVERIFY2(s.has_value(), error.c_str());
        QCOMPARE(s->device, std::string("/dev/serial/by-path/pci-0000:00:14.0-usb-0:1.2:1.0-port0"));
        QCOMPARE(s->baud_rate, 9600U);
    }

    void badValuesNameTheArgument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("named");
        QTest::newRow("baud too high") << "/dev/ttyUSB0:99999999" << "baud rate '99999999'";
        QTest::newRow("baud zero") << "/dev/ttyUSB0:0" << "baud rate '0'";
        QTest::newRow("no device") << ":115200" << "no device path";
        QTest::newRow("empty") << "" << "no device path";
    }
    void badValuesNameTheArgument()
    {
        QFETCH(QString, text);
        QFETCH(QString, named);
        std::string error;
        QVERIFY(!parseSerialPortSettings(text.toStdString(), error).has_value());
        QVERIFY2(QString::fromStdString(error).contains(named), error.c_str());
        const QString quoted = QStringLiteral("'") + text + QStringLiteral("'");
        QVERIFY2(QString::fromStdString(error).contains(quoted), error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestSerialPortSettings)
#include "test_serial_port_settings.moc"
