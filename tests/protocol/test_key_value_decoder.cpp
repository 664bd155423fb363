#include "core/protocol/key_value_decoder.h"
#include "decode_harness.h"

#include <QTest>

#include <string>

using namespace streamscope;
using streamscope::test::DecodeHarness;

class TestKeyValueDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesPairs_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("colon and equals, mixed separator runs")
            << QByteArray("temp:21.5,hum=40 ;p:1013") << QByteArray("temp=21.5@rx; hum=40@rx; p=1013@rx")
            << QByteArray();
        QTest::newRow("tabs and semicolons")
            << QByteArray("a:1\t\tb:2;;c:3") << QByteArray("a=1@rx; b=2@rx; c=3@rx") << QByteArray();
        QTest::newRow("blanks around the assignment")
            << QByteArray("temp = 21.5 , hum: 40") << QByteArray("temp=21.5@rx; hum=40@rx") << QByteArray();
        QTest::newRow("surrounding whitespace")
            << QByteArray("  \t a:1 \t ") << QByteArray("a=1@rx") << QByteArray();
        QTest::newRow("exponents and signs") << QByteArray("a:1e-3 b=+2 c:-4E2")
                                             << QByteArray("a=0.001@rx; b=2@rx; c=-400@rx") << QByteArray();
        QTest::newRow("nan and inf are data") << QByteArray("a:nan b:-inf c=Infinity")
                                              << QByteArray("a=nan@rx; b=-inf@rx; c=inf@rx") << QByteArray();
        QTest::newRow("teleplot prefix")
            << QByteArray(">temp:21.5") << QByteArray("temp=21.5@rx") << QByteArray();
        QTest::newRow("teleplot timestamp in ms")
            << QByteArray(">temp:1700000000123:21.5") << QByteArray("temp=21.5@1700000000123000000")
            << QByteArray();
        QTest::newRow("teleplot fractional ms") << QByteArray(">temp:1700000000123.5:1")
                                                << QByteArray("temp=1@1700000000123500000") << QByteArray();
        QTest::newRow("teleplot flags ignored") << QByteArray(">temp:21.5|g\n>hum:1700000000000:40|np")
                                                << QByteArray("temp=21.5@rx; hum=40@1700000000000000000")
                                                << QByteArray();
        QTest::newRow("teleplot text value skipped")
            << QByteArray(">state:1700000000000:on|t") << QByteArray() << QByteArray("non_numeric_value:1");
        QTest::newRow("bad teleplot timestamp keeps the value")
            << QByteArray(">temp:soon:21.5") << QByteArray("temp=21.5@rx") << QByteArray("bad_timestamp:1");
        QTest::newRow("words without assignment") << QByteArray("temp 21.5 hum:40") << QByteArray("hum=40@rx")
                                                  << QByteArray("missing_field:2");
        QTest::newRow("empty value") << QByteArray("temp:,hum:40") << QByteArray("hum=40@rx")
                                     << QByteArray("missing_field:1");
        QTest::newRow("empty value at end of line") << QByteArray("hum:40 temp=") << QByteArray("hum=40@rx")
                                                    << QByteArray("missing_field:1");
        QTest::newRow("blank after assignment, then the next pair")
            << QByteArray("a= b=2") << QByteArray("b=2@rx") << QByteArray("missing_field:1");
        QTest::newRow("bad number keeps the other pairs")
            << QByteArray("temp:abc,hum:40") << QByteArray("hum=40@rx") << QByteArray("bad_number:1");
        QTest::newRow("empty name") << QByteArray(":5,hum:40") << QByteArray("hum=40@rx")
                                    << QByteArray("bad_syntax:1");
        QTest::newRow("only separators") << QByteArray(",;,") << QByteArray() << QByteArray();
        QTest::newRow("crlf and blank lines")
            << QByteArray("a:1\r\n\r\nb:2\r\n") << QByteArray("a=1@rx; b=2@rx") << QByteArray();
        QTest::newRow("unprintable name refused")
            << QByteArray("a\x01:1,b:2") << QByteArray("b=2@rx") << QByteArray("bad_syntax:1");
    }

    void decodesPairs()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        KeyValueDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void badNumberMessageNamesPairAndValue()
    {
        KeyValueDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, "temp:2x1");
        QCOMPARE(h.lastError(), QByteArray("bad_number: pair 'temp': '2x1' is not a number"));
    }

    void decodesManyLinesOfOneDatagram()
    {
        std::string text;
        for (int i = 0; i < 500; ++i)
            text += ">x:" + std::to_string(i) + ",y=" + std::to_string(-i) + "\n";
        KeyValueDecoder decoder;
        DecodeHarness h;
        QCOMPARE(h.feed(decoder, text), std::uint64_t{500});
        QCOMPARE(h.batch.samples.size(), std::size_t{1000});
        QCOMPARE(h.channels.size(), std::size_t{2});
        QCOMPARE(h.batch.samples.back().value, -499.0);
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void decodesA64KiBLine()
    {
        std::string line;
        while (line.size() < test::k64KiB)
            line += "a:1 ";
        KeyValueDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, line);
        QCOMPARE(h.batch.samples.size(), test::k64KiB / 4);
        QCOMPARE(h.channels.size(), std::size_t{1});
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void overlongNameIsRefused()
    {
        KeyValueDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, std::string(test::k64KiB, 'n') + ":1,b:2");
        QCOMPARE(h.samples(), QByteArray("b=2@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:1"));
    }
};

QTEST_GUILESS_MAIN(TestKeyValueDecoder)
#include "test_key_value_decoder.moc"
