// ArchiveOverview: M4 over real archives through the level-of-detail pyramid, checked column by column
// against m4Naive over the raw samples read back from the same file.
#include "archive_test_support.h"
#include "core/archive/archive_overview.h"
#include "core/archive/archive_recovery.h"
#include "core/archive/archive_writer.h"
#include "core/archive/lod_cache.h"
#include "tests/support/m4_compare.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace streamscope;
using namespace archive_test;

namespace {

constexpr TimeNs kT0 = 1'795'000'000'000'000'000;

ArchiveWriterOptions options(ArchiveCompression compression = ArchiveCompression::Off)
{
    ArchiveWriterOptions result;
    result.compression = compression;
    result.chunk_samples = 4096;
    result.app_version = "test";
    result.start_time_ns = kT0;
    return result;
}

// Non-decreasing times with repeats and gaps (so that some columns are empty), values with NaN and
// infinities among them.
Series makeSeries(std::size_t count, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    Series series;
    TimeNs time = kT0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto roll = random() % 1000;
        time += roll < 100 ? 0 : roll < 995 ? static_cast<TimeNs>(random() % 2000) : 50'000'000;
        double value = std::sin(static_cast<double>(i) * 0.001) * 100.0 + static_cast<double>(random() % 100) * 0.01;
        if (random() % 500 == 0)
            value = std::nan("");
        else if (random() % 2000 == 0)
            value = (random() % 2 == 0 ? 1 : -1) * HUGE_VAL;
        series.times.push_back(time);
        series.values.push_back(value);
    }
    return series;
}

void writeArchive(const std::string& path, const std::vector<Series>& channels,
                  ArchiveCompression compression = ArchiveCompression::Off)
{
    auto writer = ArchiveWriter::create(path, options(compression));
    for (std::size_t c = 0; c < channels.size(); ++c)
        writer->addChannel(static_cast<ChannelIndex>(c), ChannelInfo{"test", "ch" + std::to_string(c), "V"});
    for (std::size_t c = 0; c < channels.size(); ++c) {
        const Series& series = channels[c];
        for (std::size_t i = 0; i < series.times.size(); ++i) {
            writer->append(static_cast<ChannelIndex>(c), series.times[i], series.values[i]);
            if (i % 100'000 == 99'999)
                writer->flush();
        }
    }
    writer->close(kT0, 0);
}

// Random ranges, some wider than the data, some inside one block, widths from 1 to more than the
// samples in range; each query compared with m4Naive over the raw samples.
void checkRandomQueries(const ArchiveReader& reader, const ArchiveOverview& overview, std::uint64_t seed, int queries)
{
    std::mt19937_64 random(seed);
    for (std::size_t c = 0; c < reader.channels().size(); ++c) {
        const Series raw = readSeries(reader, c);
        if (raw.times.empty())
            continue;
        const TimeNs first = raw.times.front();
        const TimeNs last = raw.times.back();
        const TimeNs span = std::max<TimeNs>(last - first, 1);
        std::vector<M4Column> got;
        std::vector<M4Column> want;
        for (int q = 0; q < queries; ++q) {
            M4Range range;
            switch (q % 4) {
            case 0: // the whole channel and a margin
                range.from = first - static_cast<TimeNs>(random() % 1000);
                range.to = last + 1 + static_cast<TimeNs>(random() % 1000);
                break;
            case 1: // a narrow window: few samples, wide
                range.from = first + static_cast<TimeNs>(random() % static_cast<std::uint64_t>(span));
                range.to = range.from + 1 + static_cast<TimeNs>(random() % 200'000);
                break;
            default: // anywhere, cutting blocks at both ends
                range.from = first - span / 10 + static_cast<TimeNs>(random() % static_cast<std::uint64_t>(span));
                range.to = range.from + 1 + static_cast<TimeNs>(random() % static_cast<std::uint64_t>(span));
            }
            range.width = 1 + static_cast<int>(random() % (q % 3 == 0 ? 5000 : 800));
            overview.query(c, range, got);
            m4Naive(raw.times, raw.values, range, want);
            const QString message = m4_test::compareColumns(got, want);
            if (!message.isEmpty())
                QFAIL(qPrintable(QStringLiteral("channel %1, query %2 [%3, %4) at %5 px: %6")
                                     .arg(c)
                                     .arg(q)
                                     .arg(range.from)
                                     .arg(range.to)
                                     .arg(range.width)
                                     .arg(message)));
        }
    }
}

void removePyramid(const std::string& path)
{
    const Hid file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
    const Hid group(H5Gopen2(file.get(), "channels", H5P_DEFAULT));
    H5G_info_t info{};
    H5Gget_info(group.get(), &info);
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        char name[64] = {};
        H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT);
        for (const char* dataset : archive::kLodDatasets)
            QVERIFY(H5Ldelete(group.get(), (std::string(name) + "/" + dataset).c_str(), H5P_DEFAULT) >= 0);
    }
}

hsize_t rowsOf(const std::string& path, const char* dataset)
{
    // A file whose SWMR writer was killed opens only for SWMR reading.
    Hid file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid())
        file = Hid(H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT));
    const Hid set(H5Dopen2(file.get(), dataset, H5P_DEFAULT));
    const Hid space(H5Dget_space(set.get()));
    hsize_t rows = 0;
    H5Sget_simple_extent_dims(space.get(), &rows, nullptr);
    return rows;
}

} // namespace

class TestArchiveOverview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(cache_.isValid());
        qputenv("XDG_CACHE_HOME", cache_.path().toUtf8());
    }

    // The writer summarises blocks in one vectorised pass; it must pick the same samples as adding them
    // one by one: first and last, the earliest of tied extremes, NaN and infinities never extremes.
    void blockSummaryEqualsSampleBySampleM4()
    {
        std::mt19937_64 random(99);
        const double specials[] = {std::nan(""), HUGE_VAL, -HUGE_VAL, 0.0, -0.0, 1.0, -1.0};
        for (int run = 0; run < 3000; ++run) {
            const std::size_t count = 1 + random() % 70;
            std::vector<TimeNs> times(count);
            std::vector<double> values(count);
            TimeNs time = kT0;
            for (std::size_t i = 0; i < count; ++i) {
                time += static_cast<TimeNs>(random() % 3) - (run % 5 == 0 ? 1 : 0);
                times[i] = time;
                const bool special = random() % (run % 2 == 0 ? 3 : 40) == 0; // half the runs mostly free of them
                values[i] = special ? specials[random() % 7] : static_cast<double>(random() % 4);
            }
            const TimeNs previous = kT0 + static_cast<TimeNs>(random() % 3) - 1;
            M4Column want;
            bool ordered = times[0] >= previous;
            for (std::size_t i = 0; i < count; ++i) {
                addToM4Column(want, times[i], values[i]);
                ordered = ordered && (i == 0 || times[i] >= times[i - 1]);
            }
            for (const auto summarise : {archive::summariseRun, archive::summariseRunScalar}) {
                const archive::LodBlock got = summarise(times.data(), values.data(), count, &previous);
                const QString difference = m4_test::compareColumns({got.column}, {want});
                QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("run %1: ").arg(run) + difference));
                QCOMPARE(got.ordered, ordered);
            }
        }
    }

    void recordedPyramidGivesNaiveM4ForRandomRanges()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("recorded.h5")).toStdString();
        // 600 000 samples reach the coarsest level twice; the single-sample channel has no block at all.
        writeArchive(path, {makeSeries(600'000, 1), makeSeries(1, 2), makeSeries(5000, 3)});
        QCOMPARE(rowsOf(path, "channels/000000/lod_64"), hsize_t{600'000 / 64});
        QCOMPARE(rowsOf(path, "channels/000000/lod_262144"), hsize_t{2});
        const auto reader = ArchiveReader::open(path);
        const ArchiveOverview overview(*reader);
        QVERIFY(overview.cachePath().empty());
        QVERIFY(overview.ordered(0));
        checkRandomQueries(*reader, overview, 11, 120);
    }

    // Compressed chunks cannot be read in part straight from the file; edges go through HDF5.
    void compressedArchiveGivesTheSameColumns()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("deflate.h5")).toStdString();
        writeArchive(path, {makeSeries(150'000, 17)}, ArchiveCompression::Deflate);
        const auto reader = ArchiveReader::open(path);
        const ArchiveOverview overview(*reader);
        QVERIFY(overview.cachePath().empty());
        checkRandomQueries(*reader, overview, 18, 40);
    }

    void pyramidRowsBehindTheSamplesAreReadRaw()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("lagging.h5")).toStdString();
        writeArchive(path, {makeSeries(300'000, 4)});
        {
            // As a killed recorder can leave it: the finer levels stop short of the coarser ones and
            // of the samples.
            const Hid file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
            const hsize_t fine = 1000;
            const hsize_t middle = 100;
            QVERIFY(H5Dset_extent(Hid(H5Dopen2(file.get(), "channels/000000/lod_64", H5P_DEFAULT)).get(), &fine) >= 0);
            QVERIFY(H5Dset_extent(Hid(H5Dopen2(file.get(), "channels/000000/lod_1024", H5P_DEFAULT)).get(), &middle) >= 0);
        }
        const auto reader = ArchiveReader::open(path);
        const ArchiveOverview overview(*reader);
        checkRandomQueries(*reader, overview, 12, 60);
    }

    void archiveWithoutPyramidIsBuiltOnOpenAndCached()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("old.h5")).toStdString();
        writeArchive(path, {makeSeries(200'000, 5), makeSeries(70'000, 6)});
        removePyramid(path);
        std::uint64_t last_done = 0;
        std::uint64_t last_total = 0;
        int reports = 0;
        {
            const auto reader = ArchiveReader::open(path);
            const ArchiveOverview overview(*reader, [&](std::uint64_t done, std::uint64_t total) {
                QVERIFY(done >= last_done);
                last_done = done;
                last_total = total;
                ++reports;
            });
            QVERIFY(overview.built());
            QCOMPARE(overview.cachePath(), LodCache::pathFor(path));
            QVERIFY(overview.cachePath().rfind(cache_.path().toStdString(), 0) == 0);
            QVERIFY(std::filesystem::exists(overview.cachePath()));
            checkRandomQueries(*reader, overview, 13, 60);
        }
        QVERIFY(reports >= 2);
        QCOMPARE(last_done, std::uint64_t{270'000});
        QCOMPARE(last_total, std::uint64_t{270'000});
        // The second open uses the cache.
        const auto reader = ArchiveReader::open(path);
        const ArchiveOverview again(*reader, [](std::uint64_t, std::uint64_t) { QFAIL("rebuilt a valid cache"); });
        QVERIFY(!again.built());
        checkRandomQueries(*reader, again, 14, 20);
    }

    // Built into the file itself, a block at a time with a flush after each; a kill after the first
    // block leaves an archive that opens with every sample, and once recovered (`streamscope recover`)
    // the next call finishes the pyramid.
    void pyramidAddedToTheArchiveSurvivesAKillAndIsFinishedLater()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("added.h5")).toStdString();
        const std::vector<Series> series{makeSeries(1'500'000, 21), makeSeries(300'000, 22)};
        writeArchive(path, series);
        removePyramid(path);
        const pid_t child = ::fork();
        if (child == 0) {
            archive::addPyramidToArchive(path, [](std::uint64_t, std::uint64_t) { ::raise(SIGKILL); });
            ::_exit(0);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(rowsOf(path, "channels/000000/lod_64"), hsize_t{(1 << 20) / 64}); // the first block only
        {
            const auto reader = ArchiveReader::open(path);
            for (std::size_t c = 0; c < series.size(); ++c) {
                std::vector<TimeNs> times;
                std::vector<double> values;
                QCOMPARE(reader->read(c, 0, series[c].times.size() + 1, times, values), series[c].times.size());
                QVERIFY(times == series[c].times);
            }
            const ArchiveOverview overview(*reader);
            checkRandomQueries(*reader, overview, 23, 20);
        }
        // Still marked open for SWMR writing, as a live recording is: left alone until recovered.
        QVERIFY(!archive::addPyramidToArchive(path, [](std::uint64_t, std::uint64_t) { QFAIL("wrote a marked file"); }));
        QCOMPARE(recoverArchive(path), RecoveryResult::Recovered);
        std::uint64_t reported = 0;
        QVERIFY(archive::addPyramidToArchive(path, [&](std::uint64_t done, std::uint64_t) { reported = done; }));
        QCOMPARE(reported, std::uint64_t{1'800'000});
        QCOMPARE(rowsOf(path, "channels/000000/lod_64"), hsize_t{1'500'000 / 64});
        QCOMPARE(rowsOf(path, "channels/000001/lod_262144"), hsize_t{1});
        QVERIFY(archive::addPyramidToArchive(path, [](std::uint64_t, std::uint64_t) { QFAIL("rebuilt a whole pyramid"); }));
        const auto reader = ArchiveReader::open(path);
        const ArchiveOverview overview(*reader, [](std::uint64_t, std::uint64_t) { QFAIL("built a cache"); });
        QVERIFY(overview.cachePath().empty());
        checkRandomQueries(*reader, overview, 24, 40);
    }

    void killedRecordingIsExactUpToItsLastFlush()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("killed.h5")).toStdString();
        const Series series = makeSeries(350'000, 7);
        const pid_t child = ::fork();
        if (child == 0) {
            auto writer = ArchiveWriter::create(path, options());
            writer->addChannel(0, ChannelInfo{"test", "ch0", "V"});
            for (std::size_t i = 0; i < series.times.size(); ++i) {
                writer->append(0, series.times[i], series.values[i]);
                if (i == 123'456 || i == 300'001)
                    writer->flush();
            }
            ::raise(SIGKILL);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        const auto reader = ArchiveReader::open(path);
        QVERIFY(!reader->cleanlyClosed());
        QVERIFY(reader->channels().at(0).count >= 300'002);
        const ArchiveOverview overview(*reader);
        QVERIFY(overview.cachePath().empty());
        checkRandomQueries(*reader, overview, 15, 60);
    }

    void decreasingTimesAreScannedExactly()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("unordered.h5")).toStdString();
        Series series = makeSeries(100'000, 8);
        std::swap(series.times[70'000], series.times[70'100]); // a device clock that stepped back
        writeArchive(path, {series, makeSeries(20'000, 9)});
        const auto reader = ArchiveReader::open(path);
        const ArchiveOverview overview(*reader);
        QVERIFY(!overview.ordered(0));
        QVERIFY(overview.ordered(1));
        checkRandomQueries(*reader, overview, 16, 60);
    }

private:
    QTemporaryDir cache_;
};

QTEST_GUILESS_MAIN(TestArchiveOverview)
#include "test_archive_overview.moc"
