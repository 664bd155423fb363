#include "core/protocol/json_line_decoder.h"
#include "decode_harness.h"

#include <QTest>

#include <string>

using namespace streamscope;
using streamscope::test::DecodeHarness;

Q_DECLARE_METATYPE(streamscope::TimeUnit)

namespace {

std::string nested(int depth)
{
    std::string text;
    for (int i = 0; i < depth - 1; ++i)
        text += "{\"k\":";
    text += "{\"v\":1}";
    text += std::string(static_cast<std::size_t>(depth - 1), '}');
    return text;
}

} // namespace

class TestJsonLineDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesObjects_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("flat") << QByteArray(R"({"a":1,"b":-2.5e3})") << QByteArray("a=1@rx; b=-2500@rx")
                              << QByteArray();
        QTest::newRow("nested keys joined with dots")
            << QByteArray(R"({"imu":{"ax":1,"g":{"z":2}}})") << QByteArray("imu.ax=1@rx; imu.g.z=2@rx")
            << QByteArray();
        QTest::newRow("arrays indexed")
            << QByteArray(R"({"v":[1,2],"m":[[1],[2,3]],"o":[{"b":1}]})")
            << QByteArray("v[0]=1@rx; v[1]=2@rx; m[0][0]=1@rx; m[1][0]=2@rx; m[1][1]=3@rx; "
                          "o[0].b=1@rx")
            << QByteArray();
        QTest::newRow("booleans") << QByteArray(R"({"on":true,"off":false})")
                                  << QByteArray("on=1@rx; off=0@rx") << QByteArray();
        QTest::newRow("strings and null skipped and counted")
            << QByteArray(R"({"name":"imu","x":1,"n":null,"l":["a",null,2]})")
            << QByteArray("x=1@rx; l[2]=2@rx") << QByteArray("non_numeric_value:4");
        QTest::newRow("whitespace everywhere") << QByteArray(" \t{ \"a\" : 1 ,\t\"b\" :[ 2 , 3 ] } \t")
                                               << QByteArray("a=1@rx; b[0]=2@rx; b[1]=3@rx") << QByteArray();
        QTest::newRow("Python's NaN and Infinity")
            << QByteArray(R"({"a":NaN,"b":Infinity,"c":-Infinity})")
            << QByteArray("a=nan@rx; b=inf@rx; c=-inf@rx") << QByteArray();
        QTest::newRow("exponents") << QByteArray(R"({"a":1E3,"b":2e-2,"c":-0.0})")
                                   << QByteArray("a=1000@rx; b=0.02@rx; c=-0@rx") << QByteArray();
        QTest::newRow("escaped keys")
            << QByteArray("{\"a\\\"b\\\\c\\/\":1,\"\\u00e9t\\u00E9\":2,\"\\ud83d\\ude00\":3}")
            << QByteArray("a\"b\\c/=1@rx; été=2@rx; \xF0\x9F\x98\x80=3@rx") << QByteArray();
        QTest::newRow("lone surrogate becomes U+FFFD")
            << QByteArray(R"({"\ud800x":1})") << QByteArray("\xEF\xBF\xBDx=1@rx") << QByteArray();
        QTest::newRow("strings with braces and escaped quotes")
            << QByteArray("{\"s\":\"}{\\\"]\",\"a\":1}") << QByteArray("a=1@rx")
            << QByteArray("non_numeric_value:1");
        QTest::newRow("empty object") << QByteArray("{}") << QByteArray() << QByteArray();
        QTest::newRow("empty containers") << QByteArray(R"({"a":[],"b":{},"c":1})") << QByteArray("c=1@rx")
                                          << QByteArray();
        QTest::newRow("crlf and many lines") << QByteArray("{\"a\":1}\r\n\r\n{\"a\":2}\r\n")
                                             << QByteArray("a=1@rx; a=2@rx") << QByteArray();
        QTest::newRow("control character in a key refused as a name")
            << QByteArray(R"({"a\n":1,"b":2})") << QByteArray("b=2@rx") << QByteArray("bad_syntax:1");
    }

    void decodesObjects()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        JsonLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void syntaxErrorDiscardsTheWholeLine_data()
    {
        QTest::addColumn<QByteArray>("input");

        QTest::newRow("missing value") << QByteArray(R"({"a":1,"b":})");
        QTest::newRow("unclosed object") << QByteArray(R"({"a":1,"b":2)");
        QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
        QTest::newRow("missing colon") << QByteArray(R"({"a":1,"b" 2})");
        QTest::newRow("text after the object") << QByteArray(R"({"a":1}x)");
        QTest::newRow("two objects") << QByteArray(R"({"a":1}{"b":2})");
        QTest::newRow("root is an array") << QByteArray("[1,2]");
        QTest::newRow("root is a number") << QByteArray("42");
        QTest::newRow("misspelt literal") << QByteArray(R"({"a":1,"b":tru})");
        QTest::newRow("bare word") << QByteArray(R"({"a":1,"b":abc})");
        QTest::newRow("unterminated string value") << QByteArray("{\"a\":1,\"b\":\"abc");
        QTest::newRow("unterminated key") << QByteArray("{\"a\":1,\"b");
        QTest::newRow("invalid escape in a key") << QByteArray(R"({"a":1,"b\q":2})");
        QTest::newRow("short \\u escape") << QByteArray(R"({"a":1,"\u12":2})");
        QTest::newRow("unquoted key") << QByteArray(R"({"a":1,b:2})");
        QTest::newRow("unclosed array") << QByteArray(R"({"a":1,"b":[1,2})");
        QTest::newRow("backslash at end") << QByteArray("{\"a\":1,\"b\\");
    }

    void syntaxErrorDiscardsTheWholeLine()
    {
        QFETCH(QByteArray, input);

        JsonLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, input.toStdString() + "\n{\"next\":7}");
        QCOMPARE(h.samples(), QByteArray("next=7@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:1"));
    }

    void syntaxErrorMessageSaysWhereAndWhat()
    {
        JsonLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, R"({"a":1,"b":})");
        QCOMPARE(h.lastError(), QByteArray("bad_syntax: a value is missing at byte 11: '}'"));
    }

    void nestingIsBoundedAt32()
    {
        JsonLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, nested(JsonLineDecoder::kMaxDepth));
        QCOMPARE(h.batch.samples.size(), std::size_t{1});
        QCOMPARE(h.errorCounts(), QByteArray());

        h.feed(decoder, nested(JsonLineDecoder::kMaxDepth + 1));
        h.feed(decoder, std::string(test::k64KiB, '[')); // not an object, and never recursed into
        h.feed(decoder, "{\"a\":" + std::string(test::k64KiB, '['));
        QCOMPARE(h.batch.samples.size(), std::size_t{1});
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:3"));
    }

    void timeKeyStampsTheLine_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<TimeUnit>("unit");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("seconds with fraction") << QByteArray("ts") << TimeUnit::Seconds
                                               << QByteArray(R"({"ts":1700000000.5,"a":1})")
                                               << QByteArray("a=1@1700000000500000000") << QByteArray();
        QTest::newRow("nested key in ms")
            << QByteArray("meta.time") << TimeUnit::Milliseconds
            << QByteArray(R"({"meta":{"time":1700000000123,"id":3},"a":1})")
            << QByteArray("meta.id=3@1700000000123000000; a=1@1700000000123000000") << QByteArray();
        QTest::newRow("time after the values")
            << QByteArray("ts") << TimeUnit::Seconds << QByteArray(R"({"a":1,"b":[2],"ts":1700000000})")
            << QByteArray("a=1@1700000000000000000; b[0]=2@1700000000000000000") << QByteArray();
        QTest::newRow("ns exact") << QByteArray("t") << TimeUnit::Nanoseconds
                                  << QByteArray(R"({"t":1700000000123456789,"a":1})")
                                  << QByteArray("a=1@1700000000123456789") << QByteArray();
        QTest::newRow("numeric string") << QByteArray("ts") << TimeUnit::Seconds
                                        << QByteArray(R"({"ts":"1700000000","a":1})")
                                        << QByteArray("a=1@1700000000000000000") << QByteArray();
        QTest::newRow("missing time key") << QByteArray("ts") << TimeUnit::Seconds << QByteArray(R"({"a":1})")
                                          << QByteArray("a=1@rx") << QByteArray("missing_field:1");
        QTest::newRow("unusable time") << QByteArray("ts") << TimeUnit::Seconds
                                       << QByteArray(R"({"ts":"soon","a":1})") << QByteArray("a=1@rx")
                                       << QByteArray("bad_timestamp:1");
        QTest::newRow("null time") << QByteArray("ts") << TimeUnit::Seconds
                                   << QByteArray(R"({"ts":null,"a":1})") << QByteArray("a=1@rx")
                                   << QByteArray("bad_timestamp:1");
        QTest::newRow("same key deeper is a channel")
            << QByteArray("ts") << TimeUnit::Seconds << QByteArray(R"({"x":{"ts":5},"ts":1700000000})")
            << QByteArray("x.ts=5@1700000000000000000") << QByteArray();
    }

    void timeKeyStampsTheLine()
    {
        QFETCH(QByteArray, key);
        QFETCH(TimeUnit, unit);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        JsonLineDecoder decoder(key.toStdString(), unit);
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void decodesManyLinesOfOneDatagram()
    {
        std::string text;
        for (int i = 0; i < 500; ++i)
            text += R"({"t":)" + std::to_string(1'700'000'000 + i) + R"(,"imu":{"ax":)" + std::to_string(i)
                + "}}\n";
        JsonLineDecoder decoder("t", TimeUnit::Seconds);
        DecodeHarness h;
        QCOMPARE(h.feed(decoder, text), std::uint64_t{500});
        QCOMPARE(h.batch.samples.size(), std::size_t{500});
        QCOMPARE(h.channels.size(), std::size_t{1});
        QCOMPARE(h.channels.name(h.batch.samples.back().channel), std::string("imu.ax"));
        QCOMPARE(h.batch.samples.back().value, 499.0);
        QCOMPARE(h.batch.samples.back().time_ns, TimeNs{1'700'000'499'000'000'000});
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void decodesA64KiBLine()
    {
        JsonLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, "{\"s\":\"" + std::string(test::k64KiB, 'x') + "\",\"a\":1}");
        QCOMPARE(h.samples(), QByteArray("a=1@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("non_numeric_value:1"));

        std::string array = R"({"v":[)";
        while (array.size() < test::k64KiB)
            array += "1,";
        array += "1]}";
        DecodeHarness wide(test::k64KiB);
        wide.feed(decoder, array);
        QCOMPARE(wide.batch.samples.size(), (array.size() - 7) / 2);
        QCOMPARE(wide.errorCounts(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestJsonLineDecoder)
#include "test_json_line_decoder.moc"
