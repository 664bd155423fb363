#include "core/protocol/packet_framing.h"

#include <QTest>

#include <random>

using namespace streamscope;

using Bytes = std::vector<std::uint8_t>;
Q_DECLARE_METATYPE(Bytes)

namespace {

Bytes range(int first, int last)
{
    Bytes bytes;
    for (int b = first; b <= last; ++b)
        bytes.push_back(static_cast<std::uint8_t>(b));
    return bytes;
}

Bytes concat(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

class TestPacketFraming : public QObject {
    Q_OBJECT

private slots:
    // The published COBS examples (Cheshire and Baker's encoding, as tabulated on its Wikipedia page),
    // delimiter included.
    void cobsEncodesThePublishedExamples_data()
    {
        QTest::addColumn<Bytes>("data");
        QTest::addColumn<Bytes>("encoded");
        QTest::newRow("00") << Bytes{0x00} << Bytes{0x01, 0x01, 0x00};
        QTest::newRow("00 00") << Bytes{0x00, 0x00} << Bytes{0x01, 0x01, 0x01, 0x00};
        QTest::newRow("00 11 00") << Bytes{0x00, 0x11, 0x00} << Bytes{0x01, 0x02, 0x11, 0x01, 0x00};
        QTest::newRow("11 22 00 33") << Bytes{0x11, 0x22, 0x00, 0x33} << Bytes{0x03, 0x11, 0x22, 0x02, 0x33, 0x00};
        QTest::newRow("11 22 33 44") << Bytes{0x11, 0x22, 0x33, 0x44} << Bytes{0x05, 0x11, 0x22, 0x33, 0x44, 0x00};
        QTest::newRow("11 00 00 00") << Bytes{0x11, 0x00, 0x00, 0x00} << Bytes{0x02, 0x11, 0x01, 0x01, 0x01, 0x00};
        QTest::newRow("01..FE") << range(0x01, 0xFE) << concat(concat({0xFF}, range(0x01, 0xFE)), {0x00});
        QTest::newRow("00..FE") << range(0x00, 0xFE) << concat(concat({0x01, 0xFF}, range(0x01, 0xFE)), {0x00});
        QTest::newRow("01..FF") << range(0x01, 0xFF)
                                << concat(concat({0xFF}, range(0x01, 0xFE)), {0x02, 0xFF, 0x00});
        QTest::newRow("02..FF 00") << concat(range(0x02, 0xFF), {0x00})
                                   << concat(concat({0xFF}, range(0x02, 0xFF)), {0x01, 0x01, 0x00});
    }
    void cobsEncodesThePublishedExamples()
    {
        QFETCH(Bytes, data);
        QFETCH(Bytes, encoded);
        Bytes out;
        appendCobs(out, data);
        QCOMPARE(out, encoded);
        Bytes decoded;
        QVERIFY(decodeCobs(std::span(encoded).first(encoded.size() - 1), decoded));
        QCOMPARE(decoded, data);
    }

    void slipEscapesEndAndEscInsideThePacket()
    {
        Bytes out;
        appendSlip(out, Bytes{0x01, 0xC0, 0x02, 0xDB, 0x03});
        QCOMPARE(out, (Bytes{0x01, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0x03, 0xC0}));
        Bytes decoded;
        QVERIFY(decodeSlip(std::span(out).first(out.size() - 1), decoded));
        QCOMPARE(decoded, (Bytes{0x01, 0xC0, 0x02, 0xDB, 0x03}));
    }

    void randomPacketsRoundTrip()
    {
        std::mt19937 random(17);
        for (int trial = 0; trial < 500; ++trial) {
            Bytes data(random() % 700);
            for (auto& b : data)
                b = static_cast<std::uint8_t>(random() % 4 == 0 ? 0 : random());
            Bytes cobs;
            Bytes slip;
            appendCobs(cobs, data);
            appendSlip(slip, data);
            QCOMPARE(std::count(cobs.begin(), cobs.end(), 0), 1L); // only the delimiter
            QCOMPARE(std::count(slip.begin(), slip.end(), kSlipEnd), 1L);
            Bytes decoded;
            QVERIFY(decodeCobs(std::span(cobs).first(cobs.size() - 1), decoded));
            QCOMPARE(decoded, data);
            QVERIFY(decodeSlip(std::span(slip).first(slip.size() - 1), decoded));
            QCOMPARE(decoded, data);
        }
    }

    void malformedPacketsAreRefused()
    {
        Bytes out;
        QVERIFY(!decodeCobs(Bytes{0x05, 0x11, 0x22}, out)); // the code runs past the end
        QVERIFY(!decodeCobs(Bytes{0x03, 0x11, 0x00}, out)); // a zero inside
        QVERIFY(!decodeSlip(Bytes{0x11, 0xDB}, out));       // ESC at the end
        QVERIFY(!decodeSlip(Bytes{0xDB, 0x11}, out));       // ESC before an ordinary byte
    }
};

QTEST_APPLESS_MAIN(TestPacketFraming)
#include "test_packet_framing.moc"
