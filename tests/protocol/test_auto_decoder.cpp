#include "core/protocol/auto_decoder.h"
#include "core/protocol/line_decoder_factory.h"
#include "decode_harness.h"

#include <QTest>

#include <string>

using namespace streamscope;
using streamscope::test::DecodeHarness;

Q_DECLARE_METATYPE(streamscope::TextFormat)
Q_DECLARE_METATYPE(streamscope::TimeUnit)

class TestAutoDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectsTheFormatFromTheFirstLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("samples");

        QTest::newRow("json") << QByteArray(R"({"a":1})") << QByteArray("auto:json") << QByteArray("a=1@rx");
        QTest::newRow("influx with tags") << QByteArray("cpu,host=a user=1 1700000000000000000")
                                          << QByteArray("auto:influx")
                                          << QByteArray("cpu.user{host=a}=1@1700000000000000000");
        QTest::newRow("influx without tags") << QByteArray("cpu user=1,sys=2") << QByteArray("auto:influx")
                                             << QByteArray("cpu.user=1@rx; cpu.sys=2@rx");
        QTest::newRow("influx with escaped space")
            << QByteArray("my\\ cpu user=1") << QByteArray("auto:influx") << QByteArray("my cpu.user=1@rx");
        QTest::newRow("graphite") << QByteArray("a.b 1.5 1700000000") << QByteArray("auto:graphite")
                                  << QByteArray("a.b=1.5@1700000000000000000");
        QTest::newRow("graphite without timestamp") << QByteArray("a.b 1.5") << QByteArray("auto:graphite")
                                                    << QByteArray("a.b=1.5@rx");
        QTest::newRow("kv") << QByteArray("temp:21.5,hum=40") << QByteArray("auto:kv")
                            << QByteArray("temp=21.5@rx; hum=40@rx");
        QTest::newRow("kv with spaces") << QByteArray("x=1 y=2") << QByteArray("auto:kv")
                                        << QByteArray("x=1@rx; y=2@rx");
        QTest::newRow("teleplot") << QByteArray(">temp:21.5") << QByteArray("auto:kv")
                                  << QByteArray("temp=21.5@rx");
        QTest::newRow("csv numbers") << QByteArray("1,2,3") << QByteArray("auto:csv")
                                     << QByteArray("ch1=1@rx; ch2=2@rx; ch3=3@rx");
        QTest::newRow("single number")
            << QByteArray("42") << QByteArray("auto:csv") << QByteArray("ch1=42@rx");
        QTest::newRow("csv header then data") << QByteArray("a,b\n1,2") << QByteArray("auto:csv")
                                              << QByteArray("a=1@rx; b=2@rx");
        QTest::newRow("csv with semicolons") << QByteArray("a;b\n1;2") << QByteArray("auto:csv")
                                             << QByteArray("a=1@rx; b=2@rx");
        QTest::newRow("csv with tabs") << QByteArray("1\t2") << QByteArray("auto:csv")
                                       << QByteArray("ch1=1@rx; ch2=2@rx");
        QTest::newRow("separator shown after a line without one")
            << QByteArray("temperature\n1;2") << QByteArray("auto:csv") << QByteArray("ch1=1@rx; ch2=2@rx");
        QTest::newRow("header only: not yet known")
            << QByteArray("a,b") << QByteArray("auto") << QByteArray();
    }

    void detectsTheFormatFromTheFirstLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, samples);

        AutoDecoder decoder{DecoderOptions{}};
        QCOMPARE(QByteArray::fromStdString(std::string(decoder.formatName())), QByteArray("auto"));
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(QByteArray::fromStdString(std::string(decoder.formatName())), format);
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void sticksWithTheDetectedFormat()
    {
        AutoDecoder decoder{DecoderOptions{}};
        DecodeHarness h;
        h.feed(decoder, "a:1\n1 2\nb:2");
        QCOMPARE(QByteArray::fromStdString(std::string(decoder.formatName())), QByteArray("auto:kv"));
        QCOMPARE(h.samples(), QByteArray("a=1@rx; b=2@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("missing_field:2")); // "1" and "2" read as kv words
    }

    void unrecognisableLinesCountUnknownFormatAndDetectionGoesOn()
    {
        AutoDecoder decoder{DecoderOptions{}};
        DecodeHarness h;
        h.feed(decoder, std::string("\x01\x02\x03\n\xFF\xFE:1\n", 9));
        h.feed(decoder, std::string("a\0b", 3));
        QCOMPARE(QByteArray::fromStdString(std::string(decoder.formatName())), QByteArray("auto"));
        h.feed(decoder, "a:1");
        QCOMPARE(QByteArray::fromStdString(std::string(decoder.formatName())), QByteArray("auto:kv"));
        QCOMPARE(h.samples(), QByteArray("a=1@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("unknown_format:3"));
    }

    void lineWithoutSamplesDoesNotLockTheFormat()
    {
        AutoDecoder decoder{DecoderOptions{}};
        DecodeHarness h;
        h.feed(decoder, "{\"name\":\"imu\"}\nm state=\"on\"\n{broken\nx:1");
        QCOMPARE(QByteArray::fromStdString(std::string(decoder.formatName())), QByteArray("auto:kv"));
        QCOMPARE(h.samples(), QByteArray("x=1@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:1 non_numeric_value:2"));
    }

    void passesItsOptionsToTheDetectedDecoder()
    {
        DecoderOptions options;
        options.csv_time_column = 1;
        options.csv_time_unit = TimeUnit::Milliseconds;
        options.json_time_key = std::string("t");
        options.influx_precision = TimeUnit::Seconds;

        AutoDecoder csv(options);
        DecodeHarness h1;
        h1.feed(csv, "1700000000123,5");
        QCOMPARE(h1.samples(), QByteArray("ch2=5@1700000000123000000"));

        AutoDecoder json(options);
        DecodeHarness h2;
        h2.feed(json, R"({"t":1700000000,"a":1})");
        QCOMPARE(h2.samples(), QByteArray("a=1@1700000000000000000"));

        AutoDecoder influx(options);
        DecodeHarness h3;
        h3.feed(influx, "m a=1 1700000000");
        QCOMPARE(h3.samples(), QByteArray("m.a=1@1700000000000000000"));
    }

    void guessesTheFormatOfALine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("format"); // empty: fits none

        QTest::newRow("object") << QByteArray(" {\"a\":1}") << QByteArray("json");
        QTest::newRow("series and field set") << QByteArray("m,t=1 f=1") << QByteArray("influx");
        QTest::newRow("kv first token is not a measurement") << QByteArray("a=1 b=2") << QByteArray("kv");
        QTest::newRow("graphite path is not a number") << QByteArray("1 2 3") << QByteArray("csv");
        QTest::newRow("graphite needs numbers") << QByteArray("a b") << QByteArray("csv");
        QTest::newRow("graphite timestamp must be a number") << QByteArray("a 1 b") << QByteArray("csv");
        QTest::newRow("colon") << QByteArray("12:30") << QByteArray("kv");
        QTest::newRow("words") << QByteArray("time temp") << QByteArray("csv");
        QTest::newRow("control bytes") << QByteArray("a\x7F") << QByteArray();
        QTest::newRow("broken UTF-8") << QByteArray("a\xC3") << QByteArray();
    }

    void guessesTheFormatOfALine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, format);

        const auto guess = guessTextFormat(line.toStdString());
        const QByteArray name
            = guess ? QByteArray::fromStdString(std::string(textFormatName(*guess))) : QByteArray();
        QCOMPARE(name, format);
    }

    void factoryBuildsTheConfiguredFormat_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<TextFormat>("format");

        QTest::newRow("csv") << QByteArray("csv") << TextFormat::Csv;
        QTest::newRow("kv") << QByteArray("kv") << TextFormat::KeyValue;
        QTest::newRow("influx") << QByteArray("influx") << TextFormat::Influx;
        QTest::newRow("graphite") << QByteArray("graphite") << TextFormat::Graphite;
        QTest::newRow("json") << QByteArray("json") << TextFormat::Json;
        QTest::newRow("auto") << QByteArray("auto") << TextFormat::Auto;
    }

    void factoryBuildsTheConfiguredFormat()
    {
        QFETCH(QByteArray, name);
        QFETCH(TextFormat, format);

        QCOMPARE(parseTextFormat(name.toStdString()), std::optional<TextFormat>(format));
        QCOMPARE(QByteArray::fromStdString(std::string(textFormatName(format))), name);
        DecoderOptions options;
        options.format = format;
        const auto decoder = makeLineDecoder(options);
        QVERIFY(decoder);
        QCOMPARE(QByteArray::fromStdString(std::string(decoder->formatName())), name);
    }

    void parsesUserFacingNames()
    {
        QVERIFY(!parseTextFormat("CSV"));
        QVERIFY(!parseTextFormat(""));
        QCOMPARE(parseTimeUnit("s"), std::optional(TimeUnit::Seconds));
        QCOMPARE(parseTimeUnit("ms"), std::optional(TimeUnit::Milliseconds));
        QCOMPARE(parseTimeUnit("us"), std::optional(TimeUnit::Microseconds));
        QCOMPARE(parseTimeUnit("ns"), std::optional(TimeUnit::Nanoseconds));
        QVERIFY(!parseTimeUnit("h"));
    }
};

QTEST_GUILESS_MAIN(TestAutoDecoder)
#include "test_auto_decoder.moc"
