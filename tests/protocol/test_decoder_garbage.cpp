#include "core/protocol/line_decoder_factory.h"
#include "decode_harness.h"

#include <QTest>

#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <vector>

using namespace streamscope;
using streamscope::test::DecodeHarness;

Q_DECLARE_METATYPE(streamscope::TextFormat)

// Heap allocations on this thread while armed: proves that decoding allocates nothing per sample once the
// batch, the channel table and the decoders' scratch buffers have grown to their working size.
namespace {
thread_local bool t_count_allocations = false;
thread_local std::size_t t_allocations = 0;

void* allocate(std::size_t size)
{
    if (t_count_allocations)
        ++t_allocations;
    return std::malloc(size == 0 ? 1 : size);
}
} // namespace

void* operator new(std::size_t size)
{
    if (void* memory = allocate(size))
        return memory;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    return allocate(size);
}
void operator delete(void* memory) noexcept
{
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept
{
    std::free(memory);
}
void operator delete(void* memory, const std::nothrow_t&) noexcept
{
    std::free(memory);
}

namespace {

struct ValidInput {
    std::string text;
    QByteArray samples;
};

// What each format must decode exactly after garbage. CSV sends its header again, as a header is the one
// piece of state garbage may legitimately have replaced. An undecided auto decoder gets JSON.
ValidInput validInputFor(std::string_view format_name)
{
    const std::string_view format = format_name.substr(format_name.find(':') + 1);
    if (format == "csv")
        return {"x,y\n1.5,2.5", "x=1.5@rx; y=2.5@rx"};
    if (format == "kv")
        return {">temp:21.5", "temp=21.5@rx"};
    if (format == "influx")
        return {"cpu,host=a user=0.5 1700000000000000000", "cpu.user{host=a}=0.5@1700000000000000000"};
    if (format == "graphite")
        return {"a.b 1.5 1700000000", "a.b=1.5@1700000000000000000"};
    return {R"({"x":1.5,"y":[2.5]})", "x=1.5@rx; y[0]=2.5@rx"};
}

std::vector<std::string> pathologicalLines()
{
    std::vector<std::string> lines{std::string(1, '\0'), std::string("a\0b:1", 5), "\xFF\xFE\xFD",
        "\"unterminated", "-", "+", ".", "e", "1e", "0x10", "nan(", "inf inf", "{", "}", "[", "\\", "=", ":",
        ",", "|", ">", "#", "{\"", "{\"a\":\"\\u", "{\"a\\ud800\\u", "m,=", "m,t= f=1", "m f=\"\\",
        "a 1 2 3 4 5"};
    for (const char c : std::string("{[\"\\,=:1 \t"))
        lines.emplace_back(test::k64KiB, c);
    std::string repeated;
    while (repeated.size() < test::k64KiB)
        repeated += "{\"a\":[";
    lines.push_back(repeated);
    return lines;
}

void addFormatRows()
{
    QTest::addColumn<TextFormat>("format");
    QTest::newRow("csv") << TextFormat::Csv;
    QTest::newRow("kv") << TextFormat::KeyValue;
    QTest::newRow("influx") << TextFormat::Influx;
    QTest::newRow("graphite") << TextFormat::Graphite;
    QTest::newRow("json") << TextFormat::Json;
    QTest::newRow("auto") << TextFormat::Auto;
}

std::unique_ptr<LineDecoder> decoderFor(TextFormat format)
{
    DecoderOptions options;
    options.format = format;
    return makeLineDecoder(options);
}

void expectValidInputDecodesExactly(LineDecoder& decoder, DecodeHarness& h)
{
    const ValidInput valid = validInputFor(decoder.formatName());
    const auto errors_before = h.errors.total();
    h.batch.clear();
    h.feed(decoder, valid.text);
    QCOMPARE(h.samples(), valid.samples);
    QCOMPARE(h.errors.total(), errors_before);
}

} // namespace

class TestDecoderGarbage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void randomBytesAreCountedAndTheNextValidLineDecodes_data() { addFormatRows(); }

    void randomBytesAreCountedAndTheNextValidLineDecodes()
    {
        QFETCH(TextFormat, format);
        const auto decoder = decoderFor(format);
        DecodeHarness h;

        std::mt19937 random(20240611U + static_cast<unsigned>(format));
        std::uniform_int_distribution<std::size_t> length(0, 4096);
        std::uniform_int_distribution<int> byte(0, 255);
        std::string datagram;
        for (int i = 0; i < 2000; ++i) {
            datagram.resize(length(random));
            for (char& c : datagram)
                c = static_cast<char>(byte(random));
            h.feed(*decoder, datagram);
            h.batch.clear();
        }
        QVERIFY2(h.errors.total() > 0, "random bytes must be counted as errors");

        expectValidInputDecodesExactly(*decoder, h);
    }

    void pathologicalLinesAreSurvivedAndTheNextValidLineDecodes_data() { addFormatRows(); }

    void pathologicalLinesAreSurvivedAndTheNextValidLineDecodes()
    {
        QFETCH(TextFormat, format);
        const auto decoder = decoderFor(format);
        DecodeHarness h;
        for (const std::string& line : pathologicalLines()) {
            decoder->decodeLine(line, test::kReceiveTime, h.out);
            h.feed(*decoder, std::string(line).append("\r\n").append(line));
        }
        QVERIFY(h.errors.total() > 0);

        expectValidInputDecodesExactly(*decoder, h);
    }

    void repeatedCsvLineDoesNotGrowTheChannelTable()
    {
        const auto decoder = decoderFor(TextFormat::Csv);
        DecodeHarness h;
        const std::string line = "1,2,3,4,5,6,7,8";
        h.feed(*decoder, line);
        QCOMPARE(h.channels.size(), std::size_t{8});
        for (int i = 0; i < 10000; ++i)
            h.feed(*decoder, line);
        QCOMPARE(h.channels.size(), std::size_t{8});
        QCOMPARE(h.batch.samples.size(), std::size_t{80008});
    }

    void steadyStateDecodingDoesNotAllocate_data()
    {
        QTest::addColumn<TextFormat>("format");
        QTest::addColumn<QByteArray>("line");

        QTest::newRow("csv") << TextFormat::Csv << QByteArray("1.5,2,3,4,5,6,7,8");
        QTest::newRow("csv with header") << TextFormat::Csv << QByteArray("a,b,c\n1.5,2,3");
        QTest::newRow("kv") << TextFormat::KeyValue << QByteArray(">temp:1700000000123:21.5|g,hum=40");
        QTest::newRow("influx") << TextFormat::Influx
                                << QByteArray("cpu,host=a,core=1 user=0.5,sys=2i,ok=t 1700000000000000000");
        QTest::newRow("graphite") << TextFormat::Graphite << QByteArray("a.b 1.5 1700000000");
        QTest::newRow("json") << TextFormat::Json
                              << QByteArray("{\"imu\":{\"ax\":1,\"v\":[1,2]},\"\\u00e9\":true}");
        QTest::newRow("auto") << TextFormat::Auto << QByteArray("temp:21.5 hum:40");
    }

    void steadyStateDecodingDoesNotAllocate()
    {
        QFETCH(TextFormat, format);
        QFETCH(QByteArray, line);
        const std::string text = line.toStdString();
        const auto decoder = decoderFor(format);
        DecodeHarness h;
        for (int i = 0; i < 10; ++i) {
            h.batch.clear();
            h.feed(*decoder, text);
        }
        const std::size_t samples_per_feed = h.batch.samples.size();
        QVERIFY(samples_per_feed > 0);

        t_allocations = 0;
        t_count_allocations = true;
        ::operator delete(::operator new(16)); // proves the counter sees this thread's allocations
        for (int i = 0; i < 1000; ++i) {
            h.batch.clear();
            h.feed(*decoder, text);
        }
        t_count_allocations = false;

        QCOMPARE(t_allocations, std::size_t{1});
        QCOMPARE(h.batch.samples.size(), samples_per_feed);
        QCOMPARE(h.errorCounts(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestDecoderGarbage)
#include "test_decoder_garbage.moc"
