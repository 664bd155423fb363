// Damaged archives found by fuzzing the archive reader (tests/fuzz/fuzz_archive_reader.cpp): each
// reproduces a finding on a real archive written by ArchiveWriter and then damaged at a known place.
#include "core/archive/archive_reader.h"
#include "core/archive/archive_writer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <string>

using namespace streamscope;

namespace {

constexpr TimeNs kStart = 1'700'000'000'000'000'000;

void writeSmallArchive(const std::string& path)
{
    ArchiveWriterOptions options;
    options.chunk_samples = 8;
    options.start_time_ns = kStart;
    auto writer = ArchiveWriter::create(path, options);
    writer->addChannel(0, {.source = "demo", .name = "temp", .unit = "degC"});
    for (int i = 0; i < 20; ++i)
        writer->append(0, kStart + i * 1'000'000, 20.0 + i);
    writer->close(kStart + 20'000'000, 0);
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
    // addresses) keeps its checksum in bytes 44-47.
    void badSuperblockChecksumFailsPromptlyWithAClearMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.h5"));
        writeSmallArchive(path.toStdString());
        damage(path, 44, QByteArray("\x0e\x33\x00\x00", 4));
        try {
            (void)ArchiveReader::open(path.toStdString());
            QFAIL("a damaged superblock opened");
        } catch (const ArchiveError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(QStringLiteral("cannot open archive ") + path), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("damaged or truncated")), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestArchiveReaderDamage)
#include "test_archive_reader_damage.moc"
