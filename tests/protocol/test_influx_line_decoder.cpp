#include "core/protocol/influx_line_decoder.h"
#include "decode_harness.h"

#include <QTest>

#include <string>

using namespace streamscope;
using streamscope::test::DecodeHarness;

Q_DECLARE_METATYPE(streamscope::TimeUnit)

class TestInfluxLineDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("errors");

        QTest::newRow("tags sorted into the name, integer field")
            << QByteArray("cpu,host=a,core=1 user=0.5,sys=2i 1700000000000000000")
            << QByteArray("cpu.user{core=1,host=a}=0.5@1700000000000000000; "
                          "cpu.sys{core=1,host=a}=2@1700000000000000000")
            << QByteArray();
        QTest::newRow("no tags, no timestamp") << QByteArray("cpu user=0.5") << QByteArray("cpu.user=0.5@rx")
                                               << QByteArray();
        QTest::newRow("unsigned and booleans")
            << QByteArray("m a=3u,b=t,c=FALSE,d=True,e=f,g=true,h=F,i=TRUE,j=false,k=T")
            << QByteArray("m.a=3@rx; m.b=1@rx; m.c=0@rx; m.d=1@rx; m.e=0@rx; m.g=1@rx; m.h=0@rx; m.i=1@rx; "
                          "m.j=0@rx; m.k=1@rx")
            << QByteArray();
        QTest::newRow("float forms") << QByteArray("m a=1e3,b=-1.5,c=+2,d=.5,e=-7i")
                                     << QByteArray(
                                            "m.a=1000@rx; m.b=-1.5@rx; m.c=2@rx; m.d=0.5@rx; m.e=-7@rx")
                                     << QByteArray();
        QTest::newRow("nan and inf accepted")
            << QByteArray("m a=nan,b=-inf") << QByteArray("m.a=nan@rx; m.b=-inf@rx") << QByteArray();
        QTest::newRow("escaped measurement and tags")
            << QByteArray("my\\ cpu\\,x,ho\\=st=a\\ b\\,c v=1") << QByteArray("my cpu,x.v{ho=st=a b,c}=1@rx")
            << QByteArray();
        QTest::newRow("escaped field key") << QByteArray("m f\\ 1\\=x\\,y=2") << QByteArray("m.f 1=x,y=2@rx")
                                           << QByteArray();
        QTest::newRow("other backslashes are literal")
            << QByteArray("m\\x f\\n=1") << QByteArray("m\\x.f\\n=1@rx") << QByteArray();
        QTest::newRow("string field skipped, with escapes, spaces, commas and equals")
            << QByteArray("m s=\"a, b=c \\\"q\\\" \\\\\",v=1 1700000000000000000")
            << QByteArray("m.v=1@1700000000000000000") << QByteArray("non_numeric_value:1");
        QTest::newRow("comment") << QByteArray("# cpu user=1") << QByteArray() << QByteArray();
        QTest::newRow("indented comment") << QByteArray("  # note") << QByteArray() << QByteArray();
        QTest::newRow("surrounding and repeated blanks")
            << QByteArray("  m  a=1   1700000000000000000  ") << QByteArray("m.a=1@1700000000000000000")
            << QByteArray();
        QTest::newRow("crlf") << QByteArray("m a=1\r\nm a=2\r\n") << QByteArray("m.a=1@rx; m.a=2@rx")
                              << QByteArray();
        QTest::newRow("bad value keeps the other fields")
            << QByteArray("m a=abc,b=2") << QByteArray("m.b=2@rx") << QByteArray("bad_number:1");
        QTest::newRow("integer suffix on a fraction") << QByteArray("m a=1.5i,b=1") << QByteArray("m.b=1@rx")
                                                      << QByteArray("bad_number:1");
        QTest::newRow("unsigned suffix on a negative") << QByteArray("m a=-1u,b=1") << QByteArray("m.b=1@rx")
                                                       << QByteArray("bad_number:1");
        QTest::newRow("empty value") << QByteArray("m a=,b=1") << QByteArray("m.b=1@rx")
                                     << QByteArray("missing_field:1");
        QTest::newRow("bad timestamp keeps values at receive time")
            << QByteArray("m a=1 soon") << QByteArray("m.a=1@rx") << QByteArray("bad_timestamp:1");
        QTest::newRow("timestamp out of range") << QByteArray("m a=1 99999999999999999999")
                                                << QByteArray("m.a=1@rx") << QByteArray("bad_timestamp:1");
        QTest::newRow("measurement only") << QByteArray("cpu") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("tags but no field set") << QByteArray("cpu,host=a ") << QByteArray()
                                               << QByteArray("bad_syntax:1");
        QTest::newRow("no measurement")
            << QByteArray(",host=a v=1") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("tag without value") << QByteArray("cpu,host= v=1") << QByteArray()
                                           << QByteArray("bad_syntax:1");
        QTest::newRow("tag without '='")
            << QByteArray("cpu,host v=1") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("field without '=' drops the line")
            << QByteArray("m a=1,b 123") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("unterminated string drops the line")
            << QByteArray("m a=1,s=\"abc") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("text glued to a string drops the line")
            << QByteArray("m a=1,s=\"abc\"x") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("text after the timestamp drops the line")
            << QByteArray("m a=1 123 456") << QByteArray() << QByteArray("bad_syntax:1");
        QTest::newRow("one bad line among good ones")
            << QByteArray("m a=1\nm a=\"x\nm a=3") << QByteArray("m.a=1@rx; m.a=3@rx")
            << QByteArray("bad_syntax:1");
    }

    void decodesLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, errors);

        InfluxLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), errors);
    }

    void precisionScalesTheTimestamp_data()
    {
        QTest::addColumn<TimeUnit>("precision");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("samples");

        QTest::newRow("s") << TimeUnit::Seconds << QByteArray("m a=1 1700000000")
                           << QByteArray("m.a=1@1700000000000000000");
        QTest::newRow("ms") << TimeUnit::Milliseconds << QByteArray("m a=1 1700000000123")
                            << QByteArray("m.a=1@1700000000123000000");
        QTest::newRow("us") << TimeUnit::Microseconds << QByteArray("m a=1 1700000000123456")
                            << QByteArray("m.a=1@1700000000123456000");
        QTest::newRow("ns") << TimeUnit::Nanoseconds << QByteArray("m a=1 1700000000123456789")
                            << QByteArray("m.a=1@1700000000123456789");
        QTest::newRow("negative ns") << TimeUnit::Nanoseconds << QByteArray("m a=1 -5")
                                     << QByteArray("m.a=1@-5");
    }

    void precisionScalesTheTimestamp()
    {
        QFETCH(TimeUnit, precision);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, samples);

        InfluxLineDecoder decoder(precision);
        DecodeHarness h;
        h.feed(decoder, input.toStdString());
        QCOMPARE(h.samples(), samples);
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void decodesManyLinesOfOneDatagram()
    {
        std::string text;
        for (int i = 0; i < 500; ++i)
            text += "imu,axis=x v=" + std::to_string(i) + "," + "ok=t "
                + std::to_string(1'700'000'000'000'000'000LL + i) + "\n";
        InfluxLineDecoder decoder;
        DecodeHarness h;
        QCOMPARE(h.feed(decoder, text), std::uint64_t{500});
        QCOMPARE(h.batch.samples.size(), std::size_t{1000});
        QCOMPARE(h.channels.size(), std::size_t{2});
        QCOMPARE(h.channels.name(h.batch.samples[998].channel), std::string("imu.v{axis=x}"));
        QCOMPARE(h.batch.samples[998].value, 499.0);
        QCOMPARE(h.batch.samples[998].time_ns, TimeNs{1'700'000'000'000'000'499});
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void decodesA64KiBLine()
    {
        const std::string line = "m s=\"" + std::string(test::k64KiB, 'x') + "\",v=1 1700000000000000000";
        InfluxLineDecoder decoder;
        DecodeHarness h;
        h.feed(decoder, line);
        QCOMPARE(h.samples(), QByteArray("m.v=1@1700000000000000000"));
        QCOMPARE(h.errorCounts(), QByteArray("non_numeric_value:1"));
    }
};

QTEST_GUILESS_MAIN(TestInfluxLineDecoder)
#include "test_influx_line_decoder.moc"
