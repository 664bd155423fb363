// Damaged archives found by fuzzing the archive reader (tests/fuzz/fuzz_archive_reader.cpp) and by the
// kill -9 tests: each reproduces a finding on a real archive written by ArchiveWriter and then damaged at
// a known place, or left as a killed writer leaves it. A regression of the slow refusals hangs the suite
// past its CTest timeout (tests/CMakeLists.txt) instead of failing an assertion on wall-clock time.
#include "core/archive/archive_format.h"
#include "core/archive/archive_reader.h"
#include "core/archive/archive_writer.h"
#include "core/archive/hdf5_handle.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace streamscope;

namespace {

constexpr TimeNs kStart = 1'700'000'000'000'000'000;

std::unique_ptr<ArchiveWriter> startSmallArchive(const std::string& path)
{
    ArchiveWriterOptions options;
    options.chunk_samples = 8;
    options.start_time_ns = kStart;
    auto writer = ArchiveWriter::create(path, options);
    writer->addChannel(0, {.source = "demo", .name = "temp", .unit = "degC"});
    for (int i = 0; i < 20; ++i)
        writer->append(0, kStart + i * 1'000'000, 20.0 + i);
    writer->appendAlertRecord({.time_ns = kStart, .channel = "temp", .rule = "temp > 30", .severity = "warning"});
    return writer;
}

void writeSmallArchive(const std::string& path)
{
    startSmallArchive(path)->close(kStart + 20'000'000, 0);
}

// The archive as a recorder killed with kill -9 leaves it: the writer's flags still set, as of its last flush.
void writeKilledSmallArchive(const QString& path)
{
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.h5"));
    const auto writer = startSmallArchive(live.toStdString());
    writer->flush();
    QVERIFY(QFile::copy(live, path));
    writer->abandon();
}

// The file address of an object's header.
qint64 objectHeader(const QString& path, const char* object)
{
    const Hid file(H5Fopen(path.toUtf8().constData(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT));
    H5O_info_t info{};
    if (!file.valid() || H5Oget_info_by_name2(file.get(), object, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
        return -1;
    return static_cast<qint64>(info.addr);
}

void expectRefusal(const QString& path, const QString& because)
{
    try {
        (void)ArchiveReader::open(path.toStdString());
        QFAIL("a damaged archive opened");
    } catch (const ArchiveError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.startsWith(QStringLiteral("cannot open archive ") + path), qPrintable(message));
        QVERIFY2(message.contains(because), qPrintable(message));
    }
}

// Overwrites `bytes` at `offset` of the file.
void damage(const QString& path, qint64 offset, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestArchiveReaderDamage : public QObject {
    Q_OBJECT

private slots:
    void undamagedArchiveReadsBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ok.h5"));
        writeSmallArchive(path.toStdString());
        const auto reader = ArchiveReader::open(path.toStdString());
        QCOMPARE(reader->channels().size(), std::size_t{1});
        QCOMPARE(reader->summarize(0).count, std::uint64_t{20});
        QCOMPARE(reader->summarize(0).max, 39.0);
    }

    // Finding: a metadata checksum mismatch made the SWMR-read fallback of open() retry the read 100
    // times with doubling sleeps, minutes before failing. The writer's superblock (version 3, 8-byte
    // addresses) keeps its checksum in bytes 44-47. Only a file a writer left open is read in SWMR mode.
    void badSuperblockChecksumFailsPromptlyWithAClearMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.h5"));
        writeSmallArchive(path.toStdString());
        damage(path, 44, QByteArray("\x0e\x33\x00\x00", 4));
        expectRefusal(path, QStringLiteral("damaged or truncated"));
    }

    // A killed recording is read in SWMR mode, where every damaged checksum is retried in case a live
    // writer is mid-update: the attempts are bounded (about a second in all), not HDF5's 100 (for ever).
    // What is undamaged still opens.
    void damagedKilledRecordingOpensWithoutTheDamagedChannel()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("killed.h5"));
        writeKilledSmallArchive(path);
        QVERIFY(!ArchiveReader::open(path.toStdString())->cleanlyClosed());
        const qint64 header = objectHeader(path, "/channels/000000/time");
        QVERIFY(header > 0);
        damage(path, header + 8, QByteArray("\xa5\x5a\xa5\x5a", 4));
        const auto reader = ArchiveReader::open(path.toStdString());
        QVERIFY(reader->channels().empty());
        QCOMPARE(reader->damagedChannels(), std::vector<std::string>{"000000"});
        QCOMPARE(reader->alertEvents().size(), std::size_t{1});
    }

    // Finding (the kill -9 tests, about one run in two): a writer killed while adding channels, out of
    // SWMR mode, can leave objects past the end of allocation its superblock recorded. Clearing its
    // flags used to close the file at that end, cutting them off, and open() then failed with "cannot
    // list /channels: addr overflow". The child below does what the writer does when it adds channels.
    void writerKilledWhileAddingChannelsIsRepairedWithItsSamples()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("adding.h5"));
        writeSmallArchive(path.toStdString());
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
            H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
            const hid_t file = H5Fopen(path.toUtf8().constData(), H5F_ACC_RDWR, fapl);
            const hid_t channels = H5Gopen2(file, archive::kChannelsGroup, H5P_DEFAULT);
            for (int i = 1; i <= 12; ++i) {
                const hid_t group = H5Gcreate2(channels, std::to_string(i).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                H5Oflush(group);
                H5Gclose(group);
            }
            H5Oflush(channels);
            ::raise(SIGKILL);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));

        const auto reader = ArchiveReader::open(path.toStdString());
        QVERIFY(reader->repaired());
        QCOMPARE(reader->channels().size(), std::size_t{1});
        QCOMPARE(reader->summarize(0).count, std::uint64_t{20});
        QCOMPARE(reader->summarize(0).max, 39.0);
        QCOMPARE(reader->alertEvents().size(), std::size_t{1});
    }

    // Finding: readTable allocated as many rows as the table's dataspace claimed. An extent of four
    // billion rows, with no data behind it, stands in for a damaged dataspace.
    void tableClaimingMoreRowsThanTheFileHoldsIsRefused_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("alerts") << QStringLiteral("/events/alerts");
        QTest::newRow("source events") << QStringLiteral("/events/source_events");
    }

    void tableClaimingMoreRowsThanTheFileHoldsIsRefused()
    {
        QFETCH(QString, table);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("claims.h5"));
        writeSmallArchive(path.toStdString());
        {
            const Hid file(H5Fopen(path.toUtf8().constData(), H5F_ACC_RDWR, H5P_DEFAULT));
            const Hid dataset(H5Dopen2(file.get(), table.toUtf8().constData(), H5P_DEFAULT));
            const hsize_t claimed = 4'000'000'000;
            QVERIFY(H5Dset_extent(dataset.get(), &claimed) >= 0);
        }
        const auto reader = ArchiveReader::open(path.toStdString());
        try {
            if (table.endsWith(QStringLiteral("alerts")))
                (void)reader->alertEvents();
            else
                (void)reader->sourceEvents();
            QFAIL("a table of four billion rows was read");
        } catch (const ArchiveError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(QStringLiteral("cannot read table ") + table + QStringLiteral(" of ") + path),
                     qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("claims 4000000000 rows")), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestArchiveReaderDamage)
#include "test_archive_reader_damage.moc"
