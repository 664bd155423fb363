// The merged sample stream over a real archive: time order across channels, stored order within one,
// globs, ranges, seek, and a memory bound that does not grow with the archive.
#include "core/archive/archive_sample_stream.h"
#include "core/archive/archive_writer.h"

#include <QTemporaryDir>
#include <QTest>

using namespace streamscope;

namespace {

constexpr TimeNs kT0 = 1'795'595'632'000'000'000; // 2026-11-25T08:33:52Z
constexpr TimeNs kMs = 1'000'000;

std::vector<ArchiveSample> readAll(ArchiveSampleStream& stream)
{
    std::vector<ArchiveSample> out;
    while (stream.read(out, 7) > 0) {
    }
    return out;
}

// One channel "ramp" with `count` samples 1 ms apart, value = index.
std::string writeRamp(const QTemporaryDir& dir, const QString& name, std::size_t count)
{
    const std::string path = dir.filePath(name).toStdString();
    auto writer = ArchiveWriter::create(path, {});
    writer->addChannel(0, {"s", "ramp", ""});
    for (std::size_t i = 0; i < count; ++i)
        writer->append(0, kT0 + static_cast<TimeNs>(i) * kMs, static_cast<double>(i));
    writer->close(kT0 + static_cast<TimeNs>(count) * kMs, 0);
    return path;
}

} // namespace

class TestArchiveSampleStream : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("three.h5")).toStdString();
        auto writer = ArchiveWriter::create(path_, {});
        writer->addChannel(0, {"s", "a.x", ""});
        writer->addChannel(1, {"s", "a.y", ""});
        writer->addChannel(2, {"s", "b", ""});
        // a.x every 3 ms, a.y every 5 ms, b at 4 ms and then a sample stored out of order (2 ms).
        for (int i = 0; i < 10; ++i)
            writer->append(0, kT0 + i * 3 * kMs, 100.0 + i);
        for (int i = 0; i < 6; ++i)
            writer->append(1, kT0 + i * 5 * kMs, 200.0 + i);
        writer->append(2, kT0 + 4 * kMs, 300.0);
        writer->append(2, kT0 + 2 * kMs, 301.0);
        writer->close(kT0 + 30 * kMs, 0);
        reader_ = ArchiveReader::open(path_);
    }

    void mergesChannelsInTimeOrderKeepingEachChannelsStoredOrder()
    {
        ArchiveSampleStreamOptions options;
        options.block_samples = 2; // many refills
        ArchiveSampleStream stream(*reader_, options);
        const auto samples = readAll(stream);
        QCOMPARE(samples.size(), std::size_t(18));
        QCOMPARE(stream.totalSamples(), std::uint64_t(18));
        QCOMPARE(stream.consumedSamples(), std::uint64_t(18));
        QVERIFY(stream.done());
        std::vector<double> per_channel[3];
        for (const ArchiveSample& s : samples)
            per_channel[s.channel].push_back(s.value);
        QCOMPARE(per_channel[0], (std::vector<double>{100, 101, 102, 103, 104, 105, 106, 107, 108, 109}));
        QCOMPARE(per_channel[1], (std::vector<double>{200, 201, 202, 203, 204, 205}));
        QCOMPARE(per_channel[2], (std::vector<double>{300, 301})); // stored order, not re-sorted
        // Apart from b's sample that went back in time, times never decrease; ties go in channel order.
        QCOMPARE(samples[0].time_ns, kT0);
        QCOMPARE(samples[0].channel, std::size_t(0));
        QCOMPARE(samples[1].channel, std::size_t(1));
        for (std::size_t i = 1; i < samples.size(); ++i) {
            if (samples[i].value == 301.0)
                continue;
            QVERIFY2(samples[i].time_ns >= samples[i - 1].time_ns || samples[i - 1].value == 301.0,
                     qPrintable(QString::number(i)));
        }
    }

    void selectsChannelsByGlobAndTimeRangeInclusive()
    {
        ArchiveSampleStreamOptions options;
        options.channel_globs = {"a.*"};
        options.from_ns = kT0 + 5 * kMs;
        options.to_ns = kT0 + 15 * kMs;
        ArchiveSampleStream stream(*reader_, options);
        QCOMPARE(stream.channels(), (std::vector<std::size_t>{0, 1}));
        std::vector<TimeNs> times;
        for (const ArchiveSample& s : readAll(stream))
            times.push_back((s.time_ns - kT0) / kMs);
        QCOMPARE(times, (std::vector<TimeNs>{5, 6, 9, 10, 12, 15, 15}));
    }

    void readUntilStopsAtTheGivenTime()
    {
        ArchiveSampleStream stream(*reader_, {});
        std::vector<ArchiveSample> out;
        QCOMPARE(stream.readUntil(kT0 + 3 * kMs, out, 100), std::size_t(3)); // x at 0, y at 0, x at 3
        QCOMPARE(stream.nextTime(), kT0 + 4 * kMs);
    }

    void seekStartsEachChannelAtItsFirstSampleAtOrAfterTheTime()
    {
        ArchiveSampleStreamOptions options;
        options.channel_globs = {"a.*"};
        ArchiveSampleStream stream(*reader_, options);
        std::vector<ArchiveSample> out;
        QVERIFY(stream.read(out, 5) == 5);
        stream.seek(kT0 + 20 * kMs);
        out.clear();
        stream.read(out, 100);
        QCOMPARE(out.size(), std::size_t(5)); // x at 21, 24, 27; y at 20, 25
        QCOMPARE(out.front().time_ns, kT0 + 20 * kMs);
        QCOMPARE(out.front().value, 204.0);
        stream.seek(kT0); // and back
        out.clear();
        stream.read(out, 1);
        QCOMPARE(out.front().value, 100.0);
    }

    void noMatchingChannelIsAnErrorNamingTheArchive()
    {
        ArchiveSampleStreamOptions options;
        options.channel_globs = {"nope*"};
        try {
            ArchiveSampleStream stream(*reader_, options);
            QFAIL("expected ArchiveError");
        } catch (const ArchiveError& error) {
            QVERIFY(std::string(error.what()).find(path_) != std::string::npos);
        }
    }

    void peakMemoryDoesNotGrowWithTheArchive()
    {
        ArchiveSampleStreamOptions options;
        options.block_samples = 1000;
        std::size_t peaks[2] = {};
        const std::size_t sizes[2] = {5'000, 200'000};
        for (int k = 0; k < 2; ++k) {
            const auto reader = ArchiveReader::open(writeRamp(dir_, QStringLiteral("ramp%1.h5").arg(k), sizes[k]));
            ArchiveSampleStream stream(*reader, options);
            std::vector<ArchiveSample> out;
            std::uint64_t n = 0;
            double expected = 0.0;
            while (stream.read(out, 4096) > 0) {
                for (const ArchiveSample& s : out)
                    QCOMPARE(s.value, expected++);
                n += out.size();
                out.clear();
            }
            QCOMPARE(n, std::uint64_t(sizes[k]));
            peaks[k] = stream.peakBufferedSamples();
        }
        QCOMPARE(peaks[0], std::size_t(1000));
        QCOMPARE(peaks[1], peaks[0]);
    }

private:
    QTemporaryDir dir_;
    std::string path_;
    std::unique_ptr<ArchiveReader> reader_;
};

QTEST_GUILESS_MAIN(TestArchiveSampleStream)
#include "test_archive_sample_stream.moc"
