#include "core/protocol/frame_layout.h"

#include <QTest>

using namespace streamscope;

class TestFrameLayout : public QObject {
    Q_OBJECT

private slots:
    void theIssueExampleGivesItsFourChannelsAtTheirOffsets()
    {
        std::string error;
        const auto layout = parseFrameLayout("sync=AA55 le u16:seq f32:ax f32:ay f32:az crc=crc16-ccitt", error);
        QVERIFY2(layout.has_value(), error.c_str());
        QCOMPARE(layout->sync, (std::vector<std::uint8_t>{0xAA, 0x55}));
        QCOMPARE(layout->fields.size(), std::size_t{4});
        const std::vector<std::pair<std::string, std::size_t>> expected = {
            {"seq", 2}, {"ax", 4}, {"ay", 8}, {"az", 12}};
        for (std::size_t k = 0; k < expected.size(); ++k) {
            QCOMPARE(layout->fields[k].name, expected[k].first);
            QCOMPARE(layout->fields[k].offset, expected[k].second);
        }
        QCOMPARE(layout->checksum, ChecksumKind::Crc16Ccitt);
        QCOMPARE(layout->declared_size, std::size_t{18});
    }

    void byteOrderAppliesToTheFieldsThatFollow()
    {
        std::string error;
        const auto layout = parseFrameLayout("u16:a be u16:b le u16:c be crc=crc32", error);
        QVERIFY2(layout.has_value(), error.c_str());
        QCOMPARE(layout->fields[0].order, ByteOrder::Little);
        QCOMPARE(layout->fields[1].order, ByteOrder::Big);
        QCOMPARE(layout->fields[2].order, ByteOrder::Little);
        QCOMPARE(layout->checksum_order, ByteOrder::Big);
    }

    void scaleOffsetPadLengthAndTimeAreRead()
    {
        std::string error;
        const auto layout =
            parseFrameLayout("sync=A5 len=u8 time=u32:ms i16:temp*0.01-40 pad:3 u8:flags+1 f64:x*2 crc=xor8", error);
        QVERIFY2(layout.has_value(), error.c_str());
        QCOMPARE(layout->length->offset, std::size_t{1});
        QCOMPARE(layout->length_end, std::size_t{2});
        QCOMPARE(layout->time->offset, std::size_t{2});
        QCOMPARE(layout->time_unit, TimeUnit::Milliseconds);
        QCOMPARE(layout->fields[0].name, std::string("temp"));
        QCOMPARE(layout->fields[0].scale, 0.01);
        QCOMPARE(layout->fields[0].add, -40.0);
        QCOMPARE(layout->fields[1].offset, std::size_t{2 + 4 + 2 + 3});
        QCOMPARE(layout->fields[1].add, 1.0);
        QCOMPARE(layout->fields[2].scale, 2.0);
        QCOMPARE(layout->declared_size, std::size_t{1 + 1 + 4 + 2 + 3 + 1 + 8 + 1});
        QCOMPARE(layout->minimumLengthValue(), std::size_t{4 + 2 + 3 + 1 + 8});
    }

    void badTokensAreRefusedWithAMessageNamingThem_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown type") << "u24:x" << "'u24:x'";
        QTest::newRow("odd hex") << "sync=AA5 u8:x" << "'sync=AA5'";
        QTest::newRow("sync too long") << "sync=0102030405 u8:x" << "'sync=0102030405'";
        QTest::newRow("sync after field") << "u8:x sync=AA" << "'sync=AA'";
        QTest::newRow("bad crc") << "u8:x crc=crc8" << "'crc=crc8'";
        QTest::newRow("field after crc") << "u8:x crc=xor8 u8:y" << "'u8:y'";
        QTest::newRow("bad len type") << "len=u32 u8:x" << "'len=u32'";
        QTest::newRow("bad time unit") << "time=u32:h u8:x" << "'time=u32:h'";
        QTest::newRow("duplicate name") << "u8:x u16:x" << "'u16:x'";
        QTest::newRow("bad scale") << "u8:x*abc" << "'u8:x*abc'";
        QTest::newRow("no name") << "u8:" << "'u8:'";
        QTest::newRow("bare word") << "hello" << "'hello'";
        QTest::newRow("no value field") << "sync=AA pad:2" << "declares no value field";
    }
    void badTokensAreRefusedWithAMessageNamingThem()
    {
        QFETCH(QString, spec);
        QFETCH(QString, named);
        std::string error;
        QVERIFY(!parseFrameLayout(spec.toStdString(), error).has_value());
        QVERIFY2(QString::fromStdString(error).contains(named), error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
    }

    void framingNamesParse()
    {
        QCOMPARE(parseFraming("sync"), std::optional(Framing::Sync));
        QCOMPARE(parseFraming("cobs"), std::optional(Framing::Cobs));
        QCOMPARE(parseFraming("slip"), std::optional(Framing::Slip));
        QVERIFY(!parseFraming("hdlc").has_value());
    }
};

QTEST_APPLESS_MAIN(TestFrameLayout)
#include "test_frame_layout.moc"
