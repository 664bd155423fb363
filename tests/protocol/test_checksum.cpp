#include "core/protocol/checksum.h"

#include <QTest>

#include <random>
#include <span>
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

    // The table-driven CRCs (four bytes at a time, then byte by byte) agree with the textbook bit-by-bit
    // definitions for every length and alignment.
    void tableDrivenCrcsAgreeWithBitwiseDefinitions()
    {
        std::mt19937 random(5);
        std::vector<std::uint8_t> data(300);
        for (auto& b : data)
            b = static_cast<std::uint8_t>(random());
        for (std::size_t offset = 0; offset < 4; ++offset) {
            for (std::size_t length = 0; length + offset <= 70; ++length) {
                const std::span<const std::uint8_t> bytes(data.data() + offset, length);
                std::uint32_t ccitt = 0xFFFF;
                std::uint32_t modbus = 0xFFFF;
                std::uint32_t zlib = 0xFFFFFFFF;
                for (const std::uint8_t b : bytes) {
                    ccitt ^= std::uint32_t{b} << 8;
                    modbus ^= b;
                    zlib ^= b;
                    for (int bit = 0; bit < 8; ++bit) {
                        ccitt = (ccitt & 0x8000) ? ((ccitt << 1) ^ 0x1021) & 0xFFFF : (ccitt << 1) & 0xFFFF;
                        modbus = (modbus & 1) ? (modbus >> 1) ^ 0xA001 : modbus >> 1;
                        zlib = (zlib & 1) ? (zlib >> 1) ^ 0xEDB88320 : zlib >> 1;
                    }
                }
                QCOMPARE(computeChecksum(ChecksumKind::Crc16Ccitt, bytes), ccitt);
                QCOMPARE(computeChecksum(ChecksumKind::Crc16Modbus, bytes), modbus);
                QCOMPARE(computeChecksum(ChecksumKind::Crc32, bytes), zlib ^ 0xFFFFFFFF);
            }
        }
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
