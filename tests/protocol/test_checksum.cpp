#include "core/protocol/checksum.h"

#include <QTest>

#include <string_view>
#include <vector>

using namespace streamscope;

namespace {

std::uint32_t checksumOf(ChecksumKind kind, std::string_view text)
{
    const std::vector<std::uint8_t> bytes(text.begin(), text.end());
    return computeChecksum(kind, bytes);
}

} // namespace

class TestChecksum : public QObject {
    Q_OBJECT

private slots:
    // The "check" column of the CRC catalogue: each algorithm over the ASCII bytes "123456789".
    void crcsMatchThePublishedCheckValues_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<quint32>("check");
        QTest::newRow("CRC-16/CCITT-FALSE") << "crc16-ccitt" << quint32{0x29B1};
        QTest::newRow("CRC-16/MODBUS") << "crc16-modbus" << quint32{0x4B37};
        QTest::newRow("CRC-32 (zlib)") << "crc32" << quint32{0xCBF43926};
        // The simple checksums: '1'..'9' are 0x31..0x39, which XOR to 0x31 and sum to 477 = 0x1DD.
        QTest::newRow("xor8") << "xor8" << quint32{0x31};
        QTest::newRow("sum8") << "sum8" << quint32{0xDD};
    }
    void crcsMatchThePublishedCheckValues()
    {
        QFETCH(QString, name);
        QFETCH(quint32, check);
        const auto kind = parseChecksumKind(name.toStdString());
        QVERIFY(kind.has_value());
        QCOMPARE(checksumOf(*kind, "123456789"), check);
        QCOMPARE(checksumName(*kind), name.toStdString());
    }

    void emptyInputGivesTheInitialValueAfterFinalisation()
    {
        QCOMPARE(checksumOf(ChecksumKind::Crc16Ccitt, ""), 0xFFFFU);
        QCOMPARE(checksumOf(ChecksumKind::Crc16Modbus, ""), 0xFFFFU);
        QCOMPARE(checksumOf(ChecksumKind::Crc32, ""), 0x00000000U);
        QCOMPARE(checksumOf(ChecksumKind::Xor8, ""), 0U);
    }

    void sizesAreThoseStoredInTheFrame()
    {
        QCOMPARE(checksumSize(ChecksumKind::None), std::size_t{0});
        QCOMPARE(checksumSize(ChecksumKind::Xor8), std::size_t{1});
        QCOMPARE(checksumSize(ChecksumKind::Sum8), std::size_t{1});
        QCOMPARE(checksumSize(ChecksumKind::Crc16Ccitt), std::size_t{2});
        QCOMPARE(checksumSize(ChecksumKind::Crc16Modbus), std::size_t{2});
        QCOMPARE(checksumSize(ChecksumKind::Crc32), std::size_t{4});
    }

    void unknownNamesAreRefused()
    {
        QVERIFY(!parseChecksumKind("crc8").has_value());
        QVERIFY(!parseChecksumKind("CRC32").has_value());
        QVERIFY(!parseChecksumKind("").has_value());
    }
};

QTEST_APPLESS_MAIN(TestChecksum)
#include "test_checksum.moc"
