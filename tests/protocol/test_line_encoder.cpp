#include "core/protocol/line_decoder_factory.h"
#include "core/protocol/line_encoder.h"

#include <QTest>

#include <string>
#include <vector>

using namespace streamscope;

Q_DECLARE_METATYPE(streamscope::TextFormat)

// The load generator and archive re-emission write what the decoders read: every format must round-trip
// names, values and (where the format carries one) the timestamp exactly.
class TestLineEncoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsThroughTheDecoder_data()
    {
        QTest::addColumn<TextFormat>("format");
        QTest::addColumn<QStringList>("expectedNames");
        QTest::addColumn<bool>("carriesTime");
        const QStringList plain{QStringLiteral("ch1"), QStringLiteral("ch2"), QStringLiteral("ch3")};
        QTest::newRow("csv") << TextFormat::Csv << plain << false;
        QTest::newRow("kv") << TextFormat::KeyValue << plain << false;
        QTest::newRow("json") << TextFormat::Json << plain << false;
        QTest::newRow("influx") << TextFormat::Influx
                                << QStringList{QStringLiteral("gen.ch1"), QStringLiteral("gen.ch2"),
                                               QStringLiteral("gen.ch3")}
                                << true;
        QTest::newRow("graphite") << TextFormat::Graphite
                                  << QStringList{QStringLiteral("gen.ch1"), QStringLiteral("gen.ch2"),
                                                 QStringLiteral("gen.ch3")}
                                  << true;
    }

    void roundTripsThroughTheDecoder()
    {
        QFETCH(TextFormat, format);
        QFETCH(QStringList, expectedNames);
        QFETCH(bool, carriesTime);

        const std::vector<std::string> names{"ch1", "ch2", "ch3"};
        const LineEncoder encoder(format, names);
        const std::vector<std::vector<double>> frames{{1.5, -2.25, 1e-7}, {1013.25, 0.0, 123456.789}};
        const TimeNs frame_time = 1'700'000'000'123'456'789;
        std::string text;
        for (const auto& values : frames)
            encoder.append(text, frame_time, values);

        DecoderOptions options;
        options.format = format;
        auto decoder = makeLineDecoder(options);
        ChannelTable channels;
        SampleBatch batch;
        DecodeErrorCounters errors;
        DecodeOutput out(channels, batch, errors);
        const TimeNs receive_time = 42;
        decodeLines(*decoder, text, receive_time, out);

        QCOMPARE(errors.total(), std::uint64_t(0));
        QCOMPARE(batch.samples.size(), std::size_t(6));
        for (std::size_t i = 0; i < batch.samples.size(); ++i) {
            const Sample& s = batch.samples[i];
            QCOMPARE(QString::fromStdString(channels.name(s.channel)), expectedNames[static_cast<int>(i % 3)]);
            QCOMPARE(s.value, frames[i / 3][i % 3]);
            // Influx carries integer nanoseconds, Graphite seconds with nine decimals: both exact.
            QCOMPARE(s.time_ns, carriesTime ? frame_time : receive_time);
        }
    }
};

QTEST_GUILESS_MAIN(TestLineEncoder)
#include "test_line_encoder.moc"
