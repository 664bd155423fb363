#include "core/protocol/csv_decoder.h"
#include "decode_harness.h"

#include <QTest>

#include <array>
#include <bit>
#include <string>

using namespace streamscope;
using streamscope::test::DecodeHarness;

Q_DECLARE_METATYPE(streamscope::TimeUnit)

class TestCsvDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesDataLinesByColumnPosition_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("columns") << QByteArray("1,2.5,-3") << QByteArray("ch1=1@rx; ch2=2.5@rx; ch3=-3@rx")
                                 << QByteArray();
        QTest::newRow("blanks around fields") << QByteArray("  1 ,\t2  ") << QByteArray("ch1=1@rx; ch2=2@rx")
                                              << QByteArray();
        QTest::newRow("exponents and plus sign")
            << QByteArray("1e3,+2.5E-2,-1e+2,.5")
            << QByteArray("ch1=1000@rx; ch2=0.025@rx; ch3=-100@rx; ch4=0.5@rx") << QByteArray();
        QTest::newRow("nan and inf are data") << QByteArray("nan,inf,-Infinity,NAN")
                                              << QByteArray("ch1=nan@rx; ch2=inf@rx; ch3=-inf@rx; ch4=nan@rx")
                                              << QByteArray();
        QTest::newRow("bad field keeps the others")
            << QByteArray("1,abc,3") << QByteArray("ch1=1@rx; ch3=3@rx") << QByteArray("bad_number:1");
        QTest::newRow("number beyond double") << QByteArray("1e400,1") << QByteArray("ch2=1@rx")
                                              << QByteArray("bad_number:1");
        QTest::newRow("empty field") << QByteArray("1,,3") << QByteArray("ch1=1@rx; ch3=3@rx")
                                     << QByteArray("missing_field:1");
        QTest::newRow("only separators") << QByteArray(",,") << QByteArray() << QByteArray("missing_field:2");
        QTest::newRow("one trailing separator is tolerated")
            << QByteArray("1,2,") << QByteArray("ch1=1@rx; ch2=2@rx") << QByteArray();
        QTest::newRow("quoted numbers") << QByteArray("\"1\", \"2\"") << QByteArray("ch1=1@rx; ch2=2@rx")
                                        << QByteArray();
        QTest::newRow("crlf") << QByteArray("1,2\r\n") << QByteArray("ch1=1@rx; ch2=2@rx") << QByteArray();
        QTest::newRow("blank lines skipped") << QByteArray("\n\r\n  \n1\n") << QByteArray("ch1=1@rx")
                                             << QByteArray();
    }

    void decodesDataLinesByColumnPosition()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        CsvDecoder decoder({});
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void headerNamesTheFollowingLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("plain") << QByteArray("time,temp,hum\n1,2,3")
                               << QByteArray("time=1@rx; temp=2@rx; hum=3@rx") << QByteArray();
        QTest::newRow("names trimmed and unquoted")
            << QByteArray(" \"temp\" , hum ,\"a, \"\"q\"\"\"\n1,2,3")
            << QByteArray("temp=1@rx; hum=2@rx; a, \"q\"=3@rx") << QByteArray();
        QTest::newRow("empty name falls back to position")
            << QByteArray(",temp\n1,2") << QByteArray("ch1=1@rx; temp=2@rx") << QByteArray();
        QTest::newRow("extra columns named by position")
            << QByteArray("a,b\n1,2,3") << QByteArray("a=1@rx; b=2@rx; ch3=3@rx") << QByteArray();
        QTest::newRow("short line counts one missing field")
            << QByteArray("a,b,c\n1,2") << QByteArray("a=1@rx; b=2@rx") << QByteArray("missing_field:1");
        QTest::newRow("later header replaces the first")
            << QByteArray("a,b\n1,2\nx,y\n3,4") << QByteArray("a=1@rx; b=2@rx; x=3@rx; y=4@rx")
            << QByteArray();
        QTest::newRow("a line with one number is data, not a header")
            << QByteArray("temp,5\n1,2") << QByteArray("ch2=5@rx; ch1=1@rx; ch2=2@rx")
            << QByteArray("bad_number:1");
        QTest::newRow("unprintable non-numeric line is not a header")
            << QByteArray("a,b\nx\x01,y\n1,2") << QByteArray("a=1@rx; b=2@rx") << QByteArray("bad_syntax:1");
        QTest::newRow("invalid UTF-8 is not a header")
            << QByteArray("a,b\n\xC3\x28,y\n1,2") << QByteArray("a=1@rx; b=2@rx")
            << QByteArray("bad_syntax:1");
        QTest::newRow("UTF-8 names") << QByteArray("température,µs\n1,2")
                                     << QByteArray("température=1@rx; µs=2@rx") << QByteArray();
    }

    void headerNamesTheFollowingLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        CsvDecoder decoder({});
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void badNumberMessageNamesColumnAndValue()
    {
        CsvDecoder decoder({});
        DecodeHarness h;
        h.feed(decoder, "1,2,abc");
        QCOMPARE(h.lastError(), QByteArray("bad_number: column 3: 'abc' is not a number"));
    }

    void separatorIsSelectable_data()
    {
        QTest::addColumn<char>("separator");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");

        QTest::newRow("semicolon") << ';' << QByteArray("a;b\n1;2.5") << QByteArray("a=1@rx; b=2.5@rx");
        QTest::newRow("tab") << '\t' << QByteArray("a\tb\n1\t2.5") << QByteArray("a=1@rx; b=2.5@rx");
        QTest::newRow("tab with padding spaces")
            << '\t' << QByteArray(" 1 \t 2 ") << QByteArray("ch1=1@rx; ch2=2@rx");
        QTest::newRow("comma inside a semicolon field")
            << ';' << QByteArray("1;2,5") << QByteArray("ch1=1@rx");
    }

    void separatorIsSelectable()
    {
        QFETCH(char, separator);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);

        CsvDecoder::Options options;
        options.separator = separator;
        CsvDecoder decoder(options);
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
    }

    void timeColumnStampsTheLine_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<TimeUnit>("unit");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("seconds") << 1 << TimeUnit::Seconds << QByteArray("1700000000,1.5,2")
                                 << QByteArray("ch2=1.5@1700000000000000000; ch3=2@1700000000000000000")
                                 << QByteArray();
        QTest::newRow("fractional seconds exact to the ns")
            << 1 << TimeUnit::Seconds << QByteArray("1700000000.123456789,1")
            << QByteArray("ch2=1@1700000000123456789") << QByteArray();
        QTest::newRow("milliseconds") << 1 << TimeUnit::Milliseconds << QByteArray("1700000000123,1")
                                      << QByteArray("ch2=1@1700000000123000000") << QByteArray();
        QTest::newRow("microseconds") << 1 << TimeUnit::Microseconds << QByteArray("1700000000123456,1")
                                      << QByteArray("ch2=1@1700000000123456000") << QByteArray();
        QTest::newRow("nanoseconds") << 1 << TimeUnit::Nanoseconds << QByteArray("1700000000123456789,1")
                                     << QByteArray("ch2=1@1700000000123456789") << QByteArray();
        QTest::newRow("exponent form") << 1 << TimeUnit::Seconds << QByteArray("1.7e9,1")
                                       << QByteArray("ch2=1@1700000000000000000") << QByteArray();
        QTest::newRow("column in the middle keeps names by position")
            << 2 << TimeUnit::Seconds << QByteArray("1,1700000000,3")
            << QByteArray("ch1=1@1700000000000000000; ch3=3@1700000000000000000") << QByteArray();
        QTest::newRow("header name of the time column is not a channel")
            << 1 << TimeUnit::Seconds << QByteArray("t,temp\n1700000000,20")
            << QByteArray("temp=20@1700000000000000000") << QByteArray();
        QTest::newRow("bad time keeps values at receive time")
            << 1 << TimeUnit::Seconds << QByteArray("soon,1.5") << QByteArray("ch2=1.5@rx")
            << QByteArray("bad_timestamp:1");
        QTest::newRow("time out of range") << 1 << TimeUnit::Seconds << QByteArray("1e30,1")
                                           << QByteArray("ch2=1@rx") << QByteArray("bad_timestamp:1");
        QTest::newRow("nan time") << 1 << TimeUnit::Seconds << QByteArray("nan,1") << QByteArray("ch2=1@rx")
                                  << QByteArray("bad_timestamp:1");
        QTest::newRow("empty time") << 1 << TimeUnit::Seconds << QByteArray(",1") << QByteArray("ch2=1@rx")
                                    << QByteArray("missing_field:1");
        QTest::newRow("line shorter than the time column")
            << 3 << TimeUnit::Seconds << QByteArray("1,2") << QByteArray("ch1=1@rx; ch2=2@rx")
            << QByteArray("missing_field:1");
    }

    void timeColumnStampsTheLine()
    {
        QFETCH(int, column);
        QFETCH(TimeUnit, unit);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        CsvDecoder::Options options;
        options.time_column = column;
        options.time_unit = unit;
        CsvDecoder decoder(options);
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void decodesManyLinesOfOneDatagram()
    {
        std::string text = "a,b\r\n";
        for (int i = 0; i < 500; ++i)
            text += std::to_string(i) + ',' + std::to_string(i * 2) + "\r\n\r\n";
        CsvDecoder decoder({});
        DecodeHarness h;
        QCOMPARE(h.feed(decoder, text), std::uint64_t{501});
        QCOMPARE(h.batch.samples.size(), std::size_t{1000});
        QCOMPARE(h.channels.name(h.batch.samples[998].channel), std::string("a"));
        QCOMPARE(h.batch.samples[998].value, 499.0);
        QCOMPARE(h.batch.samples[999].value, 998.0);
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void decodesA64KiBLineUpToTheChannelCap()
    {
        std::string line;
        while (line.size() < test::k64KiB)
            line += "1.5,";
        const std::size_t columns = test::k64KiB / 4;
        CsvDecoder decoder({});

        DecodeHarness roomy(columns);
        roomy.feed(decoder, line);
        QCOMPARE(roomy.batch.samples.size(), columns);
        QCOMPARE(roomy.channels.name(roomy.batch.samples.back().channel), "ch" + std::to_string(columns));
        QCOMPARE(roomy.errorCounts(), QByteArray());

        CsvDecoder capped_decoder({});
        DecodeHarness capped(4096);
        capped.feed(capped_decoder, line);
        QCOMPARE(capped.batch.samples.size(), std::size_t{4096});
        const QByteArray refused = "too_many_channels:" + QByteArray::number(qsizetype(columns - 4096));
        QCOMPARE(capped.errorCounts(), refused);
    }

    void overlongHeaderNameIsRefusedAsAChannel()
    {
        const std::string header(test::k64KiB, 'x');
        CsvDecoder decoder({});
        DecodeHarness h;
        h.feed(decoder, header + ",b\n1,2");
        QCOMPARE(h.samples(), QByteArray("b=2@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:1"));
    }

    // A line's first sight resolves its columns' channels; when it comes again with the channels known, the
    // plain lines take the fast path (no field table) and every other line the general one. Whichever path
    // a line takes, the repeat must give exactly the samples and errors of the first sight.
    void aLineSeenAgainDecodesAsAtFirstSight_data()
    {
        QTest::addColumn<int>("time_column");
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("line");

        const QByteArray plain = "12.345,23.456,34.567,45.678,56.789,67.891,78.912,89.123";
        QTest::newRow("plain decimals") << 0 << QByteArray() << plain;
        QTest::newRow("plain after a header") << 0 << QByteArray("a,b,c,d,e,f,g,h") << plain;
        QTest::newRow("signs, zeros, dots") << 0 << QByteArray() << QByteArray("-0,+5,1.,.5,-.25,000123.4500");
        QTest::newRow("not exact on the fast path")
            << 0 << QByteArray() << QByteArray("9007199254740993,12345678901234567890,0.1234567890123456789");
        QTest::newRow("exponent") << 0 << QByteArray() << QByteArray("1,2e3,3");
        QTest::newRow("nan and inf") << 0 << QByteArray() << QByteArray("1,nan,-inf");
        QTest::newRow("blanks") << 0 << QByteArray() << QByteArray("1, 2,3 ");
        QTest::newRow("quoted") << 0 << QByteArray() << QByteArray("1,\"2\",3");
        QTest::newRow("trailing separator") << 0 << QByteArray() << QByteArray("1,2,");
        QTest::newRow("empty field") << 0 << QByteArray() << QByteArray("1,,3");
        QTest::newRow("bad number") << 0 << QByteArray() << QByteArray("1,2x,3");
        QTest::newRow("fewer columns than the header") << 0 << QByteArray("a,b,c") << QByteArray("1,2");
        QTest::newRow("more columns than the header") << 0 << QByteArray("a,b") << QByteArray("1,2,3");
        QTest::newRow("more columns than the last line") << 0 << QByteArray("1,2") << QByteArray("1,2,3");
        QTest::newRow("time first") << 1 << QByteArray() << QByteArray("1700000000.123456789,1.5,2");
        QTest::newRow("time in the middle") << 2 << QByteArray() << QByteArray("1.5,1700000000,2");
        QTest::newRow("time last") << 3 << QByteArray() << QByteArray("1.5,2,1700000000");
        QTest::newRow("time in exponent form") << 1 << QByteArray() << QByteArray("1.7e9,1");
        QTest::newRow("bad time") << 1 << QByteArray() << QByteArray("soon,1");
        QTest::newRow("empty time") << 2 << QByteArray() << QByteArray("1,,2");
        QTest::newRow("time column missing") << 3 << QByteArray() << QByteArray("1,2");
    }

    void aLineSeenAgainDecodesAsAtFirstSight()
    {
        QFETCH(int, time_column);
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, line);

        CsvDecoder::Options options;
        if (time_column > 0)
            options.time_column = time_column;
        CsvDecoder decoder(options);
        DecodeHarness h;
        if (!before.isEmpty())
            h.feed(decoder, before.toStdString());
        const auto errorCounts = [&h] {
            std::array<std::uint64_t, kDecodeErrorKinds> counts{};
            for (std::size_t kind = 0; kind < kDecodeErrorKinds; ++kind)
                counts[kind] = h.errors.count(static_cast<DecodeError>(kind));
            return counts;
        };

        const std::size_t start = h.batch.samples.size();
        const auto errors_before = errorCounts();
        h.feed(decoder, line.toStdString());
        const std::size_t first_end = h.batch.samples.size();
        const auto errors_first = errorCounts();
        h.feed(decoder, line.toStdString());
        const auto errors_again = errorCounts();

        QCOMPARE(h.batch.samples.size() - first_end, first_end - start);
        for (std::size_t i = start; i < first_end; ++i) {
            const Sample& first = h.batch.samples[i];
            const Sample& again = h.batch.samples[first_end + (i - start)];
            QCOMPARE(again.channel, first.channel);
            QCOMPARE(again.time_ns, first.time_ns);
            QCOMPARE(std::bit_cast<std::uint64_t>(again.value), std::bit_cast<std::uint64_t>(first.value));
        }
        for (std::size_t kind = 0; kind < kDecodeErrorKinds; ++kind)
            QCOMPARE(errors_again[kind] - errors_first[kind], errors_first[kind] - errors_before[kind]);
    }

    void repeatedLinesReuseTheirChannels()
    {
        CsvDecoder decoder({});
        DecodeHarness h;
        for (int i = 0; i < 1000; ++i)
            h.feed(decoder, "1,2,3,4,5,6,7,8");
        QCOMPARE(h.channels.size(), std::size_t{8});
        QCOMPARE(h.batch.samples.size(), std::size_t{8000});
        QCOMPARE(h.channels.name(h.batch.samples.back().channel), std::string("ch8"));
    }
};

QTEST_GUILESS_MAIN(TestCsvDecoder)
#include "test_csv_decoder.moc"
