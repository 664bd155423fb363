#include "core/protocol/graphite_decoder.h"
#include "decode_harness.h"

#include <QTest>

#include <string>

using namespace streamscope;
using streamscope::test::DecodeHarness;

class TestGraphiteDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("path value timestamp")
            << QByteArray("servers.a.cpu 0.5 1700000000")
            << QByteArray("servers.a.cpu=0.5@1700000000000000000") << QByteArray();
        QTest::newRow("fractional seconds")
            << QByteArray("a 1 1700000000.25") << QByteArray("a=1@1700000000250000000") << QByteArray();
        QTest::newRow("no timestamp") << QByteArray("a 1") << QByteArray("a=1@rx") << QByteArray();
        QTest::newRow("-1 means now") << QByteArray("a 1 -1") << QByteArray("a=1@rx") << QByteArray();
        QTest::newRow("tabs and blank runs") << QByteArray("  a\t 1 \t1700000000  ")
                                             << QByteArray("a=1@1700000000000000000") << QByteArray();
        QTest::newRow("exponent") << QByteArray("a 1e3") << QByteArray("a=1000@rx") << QByteArray();
        QTest::newRow("plus sign") << QByteArray("a +2.5") << QByteArray("a=2.5@rx") << QByteArray();
        QTest::newRow("nan") << QByteArray("a nan") << QByteArray("a=nan@rx") << QByteArray();
        QTest::newRow("inf") << QByteArray("a -inf") << QByteArray("a=-inf@rx") << QByteArray();
        QTest::newRow("tagged path kept whole") << QByteArray("cpu;host=a 1") << QByteArray("cpu;host=a=1@rx")
                                                << QByteArray();
        QTest::newRow("crlf") << QByteArray("a 1\r\nb 2\r\n") << QByteArray("a=1@rx; b=2@rx") << QByteArray();
        QTest::newRow("one token") << QByteArray("a") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("four tokens") << QByteArray("a 1 2 3") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("bad value") << QByteArray("a b 1700000000") << QByteArray()
                                   << QByteArray("bad_number:1");
        QTest::newRow("bad timestamp keeps the value")
            << QByteArray("a 1 soon") << QByteArray("a=1@rx") << QByteArray("bad_timestamp:1");
        QTest::newRow("timestamp out of range") << QByteArray("a 1 1e300") << QByteArray("a=1@rx")
                                                << QByteArray("bad_timestamp:1");
        QTest::newRow("errors do not leak into the next line")
            << QByteArray("a\nb 2") << QByteArray("b=2@rx") << QByteArray("bad_syntax:1");
    }

    void decodesLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        GraphiteDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void badTimestampMessageNamesPathAndValue()
    {
        GraphiteDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, "a.b 1 soon");
        QCOMPARE(h.lastError(), QByteArray("bad_timestamp: path 'a.b': 'soon' is not a timestamp"));
    }

    void decodesManyLinesOfOneDatagram()
    {
        std::string text;
        for (int i = 0; i < 500; ++i)
            text += "s.t" + std::to_string(i % 5) + " " + std::to_string(i) + " "
                + std::to_string(1'700'000'000 + i) + "\n";
        GraphiteDecoder decoder;
        DecodeHarness h;
        QCOMPARE(h.feed(decoder, text), std::uint64_t{500});
        QCOMPARE(h.batch.samples.size(), std::size_t{500});
        QCOMPARE(h.channels.size(), std::size_t{5});
        QCOMPARE(h.channels.name(h.batch.samples.back().channel), std::string("s.t4"));
        QCOMPARE(h.batch.samples.back().time_ns, TimeNs{1'700'000'499'000'000'000});
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void decodesA64KiBLine()
    {
        GraphiteDecoder decoder;
        DecodeHarness h;
        // A 64 KiB path is no name a user meant; a 64 KiB run of blanks is only padding.
        h.feed(decoder, std::string(test::k64KiB, 'p') + " 1");
        h.feed(decoder, "a" + std::string(test::k64KiB, ' ') + "1");
        QCOMPARE(h.samples(), QByteArray("a=1@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:1"));
    }
};

QTEST_GUILESS_MAIN(TestGraphiteDecoder)
#include "test_graphite_decoder.moc"
