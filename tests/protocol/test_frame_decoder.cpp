#include "core/protocol/frame_decoder.h"
#include "core/protocol/frame_encoder.h"
#include "core/protocol/packet_framing.h"
#include "tests/protocol/decode_harness.h"
#include "tests/protocol/frame_bytes.h"

#include <QTest>

#include <random>

using namespace streamscope;
using test::DecodeHarness;
using test::FrameBytes;

namespace {

FrameLayout layoutOf(std::string_view spec)
{
    std::string error;
    auto layout = parseFrameLayout(spec, error);
    if (!layout)
        qFatal("bad layout in test: %s", error.c_str());
    return *layout;
}

std::span<const std::uint8_t> bytesOf(const std::vector<std::uint8_t>& v) { return v; }

// seq counts 0.. and ax/ay/az are k/4 + seq: exact in f32 for the counts used here.
std::vector<std::uint8_t> encodeFrames(FrameEncoder& encoder, int count, int first = 0)
{
    std::vector<std::uint8_t> out;
    for (int seq = first; seq < first + count; ++seq) {
        const double values[] = {double(seq), seq + 0.25, seq + 0.5, seq + 0.75};
        encoder.append(out, 0, values);
    }
    return out;
}

QByteArray expectedSamples(int count, int first = 0)
{
    QByteArray text;
    for (int seq = first; seq < first + count; ++seq) {
        if (!text.isEmpty())
            text += "; ";
        text += QByteArray("seq=%1@rx; ax=%1.25@rx; ay=%1.5@rx; az=%1.75@rx").replace("%1", QByteArray::number(seq));
    }
    return text;
}

constexpr std::string_view kImuLayout = "sync=AA55 le u16:seq f32:ax f32:ay f32:az crc=crc16-ccitt";

// Feeds `bytes` in random pieces of 1 to max_piece bytes.
std::uint64_t feedInPieces(FrameDecoder& decoder, DecodeHarness& h, std::span<const std::uint8_t> bytes,
                           std::uint32_t seed, std::size_t max_piece = 23)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> piece(1, max_piece);
    std::uint64_t frames = 0;
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t n = std::min(piece(random), bytes.size() - at);
        frames += decoder.feedStream(bytes.subspan(at, n), test::kReceiveTime, h.out);
        at += n;
    }
    return frames;
}

} // namespace

class TestFrameDecoder : public QObject {
    Q_OBJECT

private slots:
    void everyTypeDecodesExactlyInBothByteOrders_data()
    {
        QTest::addColumn<bool>("big");
        QTest::newRow("le") << false;
        QTest::newRow("be") << true;
    }
    void everyTypeDecodesExactlyInBothByteOrders()
    {
        QFETCH(bool, big);
        const std::string spec = std::string("sync=AA55 ") + (big ? "be" : "le")
            + " u8:a i8:b u16:c i16:d u32:e i32:f u64:g i64:h f32:i f64:j crc=crc16-ccitt";
        FrameBytes frame;
        frame.bytes({0xAA, 0x55})
            .integer(250, 1, big)
            .integer(static_cast<std::uint8_t>(-100), 1, big)
            .integer(0xBEEF, 2, big)
            .integer(static_cast<std::uint16_t>(-12345), 2, big)
            .integer(0xDEADBEEF, 4, big)
            .integer(static_cast<std::uint32_t>(-123456789), 4, big)
            .integer((std::uint64_t{1} << 53) - 1, 8, big)
            .integer(static_cast<std::uint64_t>(-((std::int64_t{1} << 53) - 1)), 8, big)
            .f32(1.5F, big)
            .f64(-2.25e-3, big)
            .checksum(ChecksumKind::Crc16Ccitt, 2, big);

        DecodeHarness h;
        FrameDecoder decoder(layoutOf(spec), Framing::Sync);
        QCOMPARE(decoder.feedStream(frame.data, test::kReceiveTime, h.out), std::uint64_t{1});
        QCOMPARE(h.samples(), QByteArray("a=250@rx; b=-100@rx; c=48879@rx; d=-12345@rx; e=3735928559@rx; "
                                         "f=-123456789@rx; g=9007199254740991@rx; h=-9007199254740991@rx; "
                                         "i=1.5@rx; j=-0.00225@rx"));
        QCOMPARE(h.errorCounts(), QByteArray());
    }

    void everyChecksumIsVerifiedInItsByteOrder_data()
    {
        QTest::addColumn<QString>("crc");
        QTest::addColumn<bool>("big");
        for (const char* crc : {"xor8", "sum8", "crc16-ccitt", "crc16-modbus", "crc32"})
            for (const bool big : {false, true})
                QTest::newRow((std::string(crc) + (big ? " be" : " le")).c_str()) << crc << big;
    }
    void everyChecksumIsVerifiedInItsByteOrder()
    {
        QFETCH(QString, crc);
        QFETCH(bool, big);
        const auto kind = *parseChecksumKind(crc.toStdString());
        const std::string spec = std::string("sync=7E ") + (big ? "be" : "le") + " u16:v crc=" + crc.toStdString();
        FrameBytes good;
        good.bytes({0x7E}).integer(4242, 2, big).checksum(kind, 1, big);
        std::vector<std::uint8_t> corrupt = good.data;
        corrupt[1] ^= 0x01; // the value changes, the checksum does not

        DecodeHarness h;
        FrameDecoder decoder(layoutOf(spec), Framing::Sync);
        decoder.feedStream(corrupt, test::kReceiveTime, h.out);
        decoder.feedStream(good.data, test::kReceiveTime, h.out);
        QCOMPARE(h.samples(), QByteArray("v=4242@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_checksum:1"));
    }

    void scaleOffsetAndDeviceTimeAreApplied()
    {
        FrameDecoder decoder(layoutOf("sync=A5 be time=u64:us i16:temp*0.5-40 u8:flags+1 crc=xor8"), Framing::Sync);
        FrameBytes frame;
        frame.bytes({0xA5}).integer(1'700'000'000'123'456ULL, 8, true).integer(100, 2, true).integer(7, 1, true);
        frame.checksum(ChecksumKind::Xor8, 1, true);
        DecodeHarness h;
        decoder.feedStream(frame.data, test::kReceiveTime, h.out);
        QCOMPARE(h.samples(), QByteArray("temp=10@1700000000123456000; flags=8@1700000000123456000"));
    }

    void framesSplitIntoRandomPiecesArriveCompleteAndInOrder()
    {
        FrameEncoder encoder(layoutOf(kImuLayout), Framing::Sync);
        const auto stream = encodeFrames(encoder, 500);
        for (const std::uint32_t seed : {1U, 2U, 3U}) {
            DecodeHarness h;
            FrameDecoder decoder(layoutOf(kImuLayout), Framing::Sync);
            QCOMPARE(feedInPieces(decoder, h, stream, seed), std::uint64_t{500});
            QCOMPARE(h.samples(), expectedSamples(500));
            QCOMPARE(h.errorCounts(), QByteArray());
            QCOMPARE(decoder.pendingBytes(), std::size_t{0});
        }
    }

    void garbageBetweenFramesCostsOnlyTheGarbage()
    {
        FrameEncoder encoder(layoutOf(kImuLayout), Framing::Sync);
        std::vector<std::uint8_t> stream;
        std::mt19937 random(7);
        std::uniform_int_distribution<int> byte(0, 255);
        int runs = 0;
        for (int seq = 0; seq < 200; ++seq) {
            if (seq % 10 == 5) { // a run of 1..40 garbage bytes with no sync byte in it
                const int n = 1 + seq % 40;
                for (int i = 0; i < n; ++i) {
                    auto b = static_cast<std::uint8_t>(byte(random));
                    stream.push_back(b == 0xAA ? 0x00 : b);
                }
                ++runs;
            }
            const auto frame = encodeFrames(encoder, 1, seq);
            stream.insert(stream.end(), frame.begin(), frame.end());
        }
        DecodeHarness h;
        FrameDecoder decoder(layoutOf(kImuLayout), Framing::Sync);
        QCOMPARE(feedInPieces(decoder, h, stream, 11), std::uint64_t{200});
        QCOMPARE(h.samples(), expectedSamples(200));
        QCOMPARE(h.errorCounts(), QByteArray("garbage:") + QByteArray::number(runs));
    }

    void aFrameCutShortCostsOnlyItselfAndTheNextFrameSurvives()
    {
        FrameEncoder encoder(layoutOf(kImuLayout), Framing::Sync);
        const auto first = encodeFrames(encoder, 1, 0);
        const auto rest = encodeFrames(encoder, 3, 1);
        std::vector<std::uint8_t> stream(first.begin(), first.begin() + 9); // the sender reset mid-frame
        stream.insert(stream.end(), rest.begin(), rest.end());
        DecodeHarness h;
        FrameDecoder decoder(layoutOf(kImuLayout), Framing::Sync);
        QCOMPARE(decoder.feedStream(stream, test::kReceiveTime, h.out), std::uint64_t{3});
        QCOMPARE(h.samples(), expectedSamples(3, 1));
        QCOMPARE(h.errorCounts(), QByteArray("bad_checksum:1"));
    }

    void aGoodFrameStartingInsideABadOneIsFound()
    {
        // A corrupt frame whose payload happens to contain a whole good frame: hunting resumes one byte
        // after the bad frame's sync, not after its claimed end.
        const FrameLayout layout = layoutOf("sync=AA len=u8 u8:v crc=sum8");
        // Outer: AA, len 5, then the good frame AA 01 09 0A (sum8 of 01 09), a byte and a wrong sum.
        const std::vector<std::uint8_t> stream = {0xAA, 5, 0xAA, 1, 9, 0x0A, 0x00, 0x77};
        DecodeHarness h;
        FrameDecoder decoder(layout, Framing::Sync);
        QCOMPARE(decoder.feedStream(stream, test::kReceiveTime, h.out), std::uint64_t{1});
        QCOMPARE(h.samples(), QByteArray("v=9@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_checksum:1"));
    }

    void impossibleLengthsAreCountedAndTheFollowingFrameDecodes()
    {
        const FrameLayout layout = layoutOf("sync=AA55 le len=u16 u16:a u16:b crc=crc16-modbus");
        FrameBytes good;
        good.bytes({0xAA, 0x55}).integer(4, 2, false).integer(1, 2, false).integer(2, 2, false);
        good.checksum(ChecksumKind::Crc16Modbus, 2, false);
        FrameBytes longer; // a length beyond the declared fields: the extra bytes are ignored
        longer.bytes({0xAA, 0x55}).integer(6, 2, false).integer(3, 2, false).integer(4, 2, false).bytes({9, 9});
        longer.checksum(ChecksumKind::Crc16Modbus, 2, false);
        std::vector<std::uint8_t> stream = {0xAA, 0x55, 0x02, 0x00};           // shorter than its fields
        stream.insert(stream.end(), good.data.begin(), good.data.end());
        stream.insert(stream.end(), {0xAA, 0x55, 0xFF, 0xFF});                 // 65535: beyond the largest frame
        stream.insert(stream.end(), longer.data.begin(), longer.data.end());
        DecodeHarness h;
        FrameDecoder decoder(layout, Framing::Sync);
        QCOMPARE(decoder.feedStream(stream, test::kReceiveTime, h.out), std::uint64_t{2});
        QCOMPARE(h.samples(), QByteArray("a=1@rx; b=2@rx; a=3@rx; b=4@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_length:2"));
    }

    void aDatagramCarriesSeveralFramesAndItsCutOffTailIsTruncated()
    {
        FrameEncoder encoder(layoutOf(kImuLayout), Framing::Sync);
        auto datagram = encodeFrames(encoder, 3);
        const auto partial = encodeFrames(encoder, 1, 3);
        datagram.insert(datagram.end(), partial.begin(), partial.begin() + 10);
        DecodeHarness h;
        FrameDecoder decoder(layoutOf(kImuLayout), Framing::Sync);
        QCOMPARE(decoder.feedDatagram(datagram, test::kReceiveTime, h.out), std::uint64_t{3});
        QCOMPARE(decoder.feedDatagram(encodeFrames(encoder, 1, 4), test::kReceiveTime, h.out), std::uint64_t{1});
        QCOMPARE(h.samples(), expectedSamples(3) + "; " + expectedSamples(1, 4));
        QCOMPARE(h.errorCounts(), QByteArray("truncated_frame:1"));
    }

    void aStreamEndingMidFrameCountsItAsTruncated()
    {
        FrameEncoder encoder(layoutOf(kImuLayout), Framing::Sync);
        const auto frames = encodeFrames(encoder, 2);
        DecodeHarness h;
        FrameDecoder decoder(layoutOf(kImuLayout), Framing::Sync);
        decoder.feedStream(bytesOf(frames).first(frames.size() - 5), test::kReceiveTime, h.out);
        decoder.endStream(test::kReceiveTime, h.out);
        decoder.feedStream(frames, test::kReceiveTime, h.out); // the device came back
        QCOMPARE(h.samples(), expectedSamples(1) + "; " + expectedSamples(2));
        QCOMPARE(h.errorCounts(), QByteArray("truncated_frame:1"));
    }

    void cobsAndSlipFramesSurviveDelimiterBytesInTheirPayload_data()
    {
        QTest::addColumn<QString>("framing_name");
        QTest::newRow("cobs") << "cobs";
        QTest::newRow("slip") << "slip";
    }
    void cobsAndSlipFramesSurviveDelimiterBytesInTheirPayload()
    {
        QFETCH(QString, framing_name);
        const Framing framing = *parseFraming(framing_name.toStdString());
        // Values whose bytes hold 0x00, 0xC0 and 0xDB: the delimiters and the SLIP escape.
        const std::string spec = "le u16:a u16:b u32:c crc=crc16-ccitt";
        FrameEncoder encoder(layoutOf(spec), framing);
        // Leading delimiters are empty packets, ignored.
        std::vector<std::uint8_t> stream(2, framing == Framing::Cobs ? std::uint8_t{0x00} : std::uint8_t{0xC0});
        for (int i = 0; i < 300; ++i) {
            const double values[] = {double(0xC000 + i), double(0xDBDB), double(i * 256)};
            encoder.append(stream, 0, values);
        }
        DecodeHarness h;
        FrameDecoder decoder(layoutOf(spec), framing);
        QCOMPARE(feedInPieces(decoder, h, stream, 5, 9), std::uint64_t{300});
        QCOMPARE(h.errorCounts(), QByteArray());
        QVERIFY(h.samples().startsWith("a=49152@rx; b=56283@rx; c=0@rx; a=49153@rx; b=56283@rx; c=256@rx;"));
        QVERIFY(h.samples().endsWith("a=49451@rx; b=56283@rx; c=76544@rx"));
    }

    void aCobsFrameOfTheWrongSizeOrChecksumIsCountedAndTheNextDecodes()
    {
        const std::string spec = "sync=AA u16:v crc=xor8";
        FrameEncoder encoder(layoutOf(spec), Framing::Cobs);
        std::vector<std::uint8_t> stream;
        appendCobs(stream, std::vector<std::uint8_t>{0xAA, 1});             // short
        appendCobs(stream, std::vector<std::uint8_t>{0xAA, 1, 2, 3, 0, 0}); // long
        appendCobs(stream, std::vector<std::uint8_t>{0xAA, 1, 2, 0});       // bad xor
        appendCobs(stream, std::vector<std::uint8_t>{0x55, 1, 2, 3});       // no sync
        stream.insert(stream.end(), {0x05, 0x01, 0x00});                   // malformed COBS
        const double value[] = {513};
        encoder.append(stream, 0, value);
        DecodeHarness h;
        FrameDecoder decoder(layoutOf(spec), Framing::Cobs);
        QCOMPARE(decoder.feedStream(stream, test::kReceiveTime, h.out), std::uint64_t{1});
        QCOMPARE(h.samples(), QByteArray("v=513@rx"));
        QCOMPARE(h.errorCounts(), QByteArray("bad_syntax:2 bad_checksum:1 bad_length:1 truncated_frame:1"));
    }

    void arbitraryBytesNeverReadOutOfBoundsAndLeaveTheDecoderUsable()
    {
        // Random bytes over every framing and a layout with a length field; ASan/UBSan builds check the
        // bounds. Afterwards a good frame still decodes.
        std::mt19937 random(99);
        std::uniform_int_distribution<int> byte(0, 255);
        std::vector<std::uint8_t> noise(200'000);
        for (auto& b : noise)
            b = static_cast<std::uint8_t>(byte(random) < 40 ? 0xAA : byte(random));
        for (const Framing framing : {Framing::Sync, Framing::Cobs, Framing::Slip}) {
            const std::string spec = "sync=AA len=u8 i32:v crc=crc32";
            DecodeHarness h;
            FrameDecoder decoder(layoutOf(spec), framing);
            feedInPieces(decoder, h, noise, 3, 300);
            decoder.feedDatagram(noise, test::kReceiveTime, h.out);
            decoder.endStream(test::kReceiveTime, h.out);
            QVERIFY(h.errors.total() > 0);
            h.batch.clear();
            std::vector<std::uint8_t> good;
            FrameEncoder encoder(layoutOf(spec), framing);
            const double value[] = {-77};
            encoder.append(good, 0, value);
            QCOMPARE(decoder.feedStream(good, test::kReceiveTime, h.out), std::uint64_t{1});
            QCOMPARE(h.samples(), QByteArray("v=-77@rx"));
        }
    }
};

QTEST_APPLESS_MAIN(TestFrameDecoder)
#include "test_frame_decoder.moc"
