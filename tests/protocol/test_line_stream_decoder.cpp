#include "core/protocol/key_value_decoder.h"
#include "core/protocol/stream_decoder.h"
#include "tests/protocol/decode_harness.h"

#include <QTest>

using namespace streamscope;
using test::DecodeHarness;

namespace {

std::uint64_t feed(StreamDecoder& decoder, DecodeHarness& h, std::string_view text)
{
    return decoder.feed({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, test::kReceiveTime, h.out);
}

} // namespace

class TestLineStreamDecoder : public QObject {
    Q_OBJECT

private slots:
    void aLineSplitAcrossReadsIsDecodedOnceWhole()
    {
        DecodeHarness h;
        LineStreamDecoder decoder(std::make_unique<KeyValueDecoder>());
        QCOMPARE(feed(decoder, h, "a:1,b"), std::uint64_t{0});
        QCOMPARE(feed(decoder, h, ":2"), std::uint64_t{0});
        QCOMPARE(feed(decoder, h, "\r"), std::uint64_t{0});
        QCOMPARE(feed(decoder, h, "\nc:3\nd:"), std::uint64_t{2});
        QCOMPARE(feed(decoder, h, "4\n"), std::uint64_t{1});
        QCOMPARE(h.samples(), QByteArray("a=1@rx; b=2@rx; c=3@rx; d=4@rx"));
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void anOversizedLineIsSkippedToItsEndAndTheNextLineDecodes()
    {
        DecodeHarness h;
        LineStreamDecoder decoder(std::make_unique<KeyValueDecoder>());
        const std::string chunk(16 * 1024, 'x');
        for (int i = 0; i < 5; ++i) // 80 KiB without a newline
            feed(decoder, h, chunk);
        feed(decoder, h, "xxx\nok:1\n");
        QCOMPARE(h.samples(), QByteArray("ok=1@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("oversized:1"));
    }

    void aStreamEndingMidLineCountsItAsTruncated()
    {
        DecodeHarness h;
        LineStreamDecoder decoder(std::make_unique<KeyValueDecoder>());
        feed(decoder, h, "a:1\na:2");
        decoder.end(test::kReceiveTime, h.out);
        feed(decoder, h, "a:3\n"); // after the device came back: a fresh line, not "a:2a:3"
        QCOMPARE(h.samples(), QByteArray("a=1@rx; a=3@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("truncated_frame:1"));
    }
};

QTEST_APPLESS_MAIN(TestLineStreamDecoder)
#include "test_line_stream_decoder.moc"
