// ArchiveWriter and ArchiveReader on real HDF5 files, also read back by h5py.
#include "archive_test_support.h"
#include "core/archive/archive_recovery.h"
#include "core/archive/archive_writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace streamscope;
using namespace archive_test;

namespace {

constexpr TimeNs kT0 = 1'795'000'000'000'000'000;

ArchiveWriterOptions smallChunks()
{
    ArchiveWriterOptions options;
    options.chunk_samples = 64; // many chunks from few samples
    options.app_version = "test";
    options.start_time_ns = kT0;
    options.session_config = R"({"sources":[{"udp":":9000"}]})";
    return options;
}

double valueOf(int channel, int i) { return channel * 1000.0 + i * 0.25; }

// What HDF5 itself says about /channels/NNNNNN/value in a closed archive.
struct StoredSeries {
    int filters = 0;
    hsize_t storage_bytes = 0;
};

StoredSeries storedValueSeries(const std::string& path, const char* group)
{
    StoredSeries stored;
    const Hid file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    const Hid dataset(H5Dopen2(file.get(), (std::string("channels/") + group + "/value").c_str(), H5P_DEFAULT));
    const Hid dcpl(H5Dget_create_plist(dataset.get()));
    stored.filters = H5Pget_nfilters(dcpl.get());
    stored.storage_bytes = H5Dget_storage_size(dataset.get());
    return stored;
}

} // namespace

class TestArchiveWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samplesReadBackIdenticalAcrossChunksAndFlushes_data()
    {
        QTest::addColumn<bool>("deflate");
        QTest::newRow("uncompressed (whole chunks written directly)") << false;
        QTest::newRow("deflate + shuffle (through HDF5's filters)") << true;
    }

    void samplesReadBackIdenticalAcrossChunksAndFlushes()
    {
        QFETCH(bool, deflate);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.h5")).toStdString();
        {
            ArchiveWriterOptions options = smallChunks();
            options.compression = deflate ? ArchiveCompression::Deflate : ArchiveCompression::Off;
            auto writer = ArchiveWriter::create(path, options);
            writer->addChannel(0, {"udp:x", "temp", "degC"});
            writer->addChannel(1, {"udp:x", "hum", "%"});
            for (int i = 0; i < 1000; ++i) {
                writer->append(0, kT0 + i * 1000, valueOf(0, i));
                if (i % 2 == 0)
                    writer->append(1, kT0 + i * 1000, valueOf(1, i));
                if (i == 500)
                    writer->flush();
            }
            writer->append(1, kT0 + 5'000'000, std::nan(""));
            writer->close(kT0 + 10'000'000, 7);
        }
        const auto reader = ArchiveReader::open(path);
        QVERIFY(reader->cleanlyClosed());
        QCOMPARE(reader->formatVersion(), 1);
        QCOMPARE(reader->startTimeNs(), kT0);
        QCOMPARE(*reader->stopTimeNs(), kT0 + 10'000'000);
        QCOMPARE(reader->recorderDroppedSamples(), std::uint64_t(7));
        QCOMPARE(reader->sessionConfig(), std::string(R"({"sources":[{"udp":":9000"}]})"));
        QCOMPARE(reader->channels().size(), std::size_t(2));
        QCOMPARE(reader->channels()[0].name, std::string("temp"));
        QCOMPARE(reader->channels()[0].unit, std::string("degC"));
        QCOMPARE(reader->channels()[0].source, std::string("udp:x"));
        QCOMPARE(reader->channels()[0].count, std::uint64_t(1000));
        QCOMPARE(reader->channels()[1].count, std::uint64_t(501));
        const Series temp = readSeries(*reader, 0);
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(temp.times[i], kT0 + i * 1000);
            QCOMPARE(temp.values[i], valueOf(0, i));
        }
        const Series hum = readSeries(*reader, 1);
        QVERIFY(std::isnan(hum.values.back()));
        const ArchiveChannelSummary summary = reader->summarize(1);
        QCOMPARE(summary.count, std::uint64_t(501));
        QCOMPARE(summary.non_finite, std::uint64_t(1));
        QCOMPARE(summary.min, valueOf(1, 0));
        QCOMPARE(summary.max, valueOf(1, 998));
        QCOMPARE(summary.first_time_ns, kT0);
        QCOMPARE(summary.last_time_ns, kT0 + 5'000'000);

        // Deflate really ran: shuffle and deflate are in the pipeline, and the steady values take less
        // room than their 8 bytes each. Uncompressed, every chunk is there in full (1000 samples: 16
        // chunks of 64).
        const StoredSeries stored = storedValueSeries(path, "000000");
        if (deflate) {
            QCOMPARE(stored.filters, 2);
            QVERIFY2(stored.storage_bytes < 1000 * 8 / 2, qPrintable(QString::number(stored.storage_bytes)));
        } else {
            QCOMPARE(stored.filters, 0);
            QCOMPARE(stored.storage_bytes, hsize_t(16 * 64 * 8));
        }
    }

    // A flush writes the chunk being filled as it is; the next flush writes it again with more samples.
    // It must be rewritten where it is, so that flushing often does not grow the file.
    void frequentFlushesRewriteThePartlyFilledChunkInPlace()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString& name, int flush_every) {
            const std::string path = dir.filePath(name).toStdString();
            ArchiveWriterOptions options = smallChunks();
            options.chunk_samples = 1024;
            auto writer = ArchiveWriter::create(path, options);
            writer->addChannel(0, {"s", "x", ""});
            for (int i = 0; i < 3000; ++i) {
                writer->append(0, kT0 + i, valueOf(0, i));
                if (i % flush_every == flush_every - 1)
                    writer->flush();
            }
            writer->close(kT0, 0);
            return path;
        };
        const std::string often = write(QStringLiteral("often.h5"), 10);
        const std::string once = write(QStringLiteral("once.h5"), 3000);

        const auto reader = ArchiveReader::open(often);
        const Series series = readSeries(*reader, 0);
        QCOMPARE(series.values.size(), std::size_t(3000));
        for (int i = 0; i < 3000; ++i) {
            QCOMPARE(series.times[i], kT0 + i);
            QCOMPARE(series.values[i], valueOf(0, i));
        }
        // 300 flushes against one: three chunks of 1024 either way, and about the same file. Had each
        // flush put the chunk somewhere new, the file would hold some 300 x 16 KiB more.
        QCOMPARE(storedValueSeries(often, "000000").storage_bytes, hsize_t(3 * 1024 * 8));
        const std::uint64_t often_bytes = std::filesystem::file_size(often);
        const std::uint64_t once_bytes = std::filesystem::file_size(once);
        QVERIFY2(often_bytes < once_bytes + 64 * 1024,
                 qPrintable(QStringLiteral("%1 bytes flushing often, %2 once").arg(often_bytes).arg(once_bytes)));
    }

    void channelFirstSeenMidRecordingIsRecorded()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("late.h5")).toStdString();
        {
            auto writer = ArchiveWriter::create(path, smallChunks());
            writer->addChannel(0, {"demo", "early", ""});
            for (int i = 0; i < 300; ++i)
                writer->append(0, kT0 + i, i);
            writer->flush();
            writer->addChannel(1, {"demo", "late", "V"});
            for (int i = 0; i < 300; ++i) {
                writer->append(1, kT0 + 1000 + i, -i);
                writer->append(0, kT0 + 1000 + i, 300 + i);
            }
            writer->flush();
            writer->close(kT0 + 5000, 0);
        }
        const auto reader = ArchiveReader::open(path);
        const std::size_t late = channelIndex(*reader, "late");
        QVERIFY(late < reader->channels().size());
        QCOMPARE(reader->channels()[late].unit, std::string("V"));
        const Series series = readSeries(*reader, late);
        QCOMPARE(series.values.size(), std::size_t(300));
        QCOMPARE(series.values[299], -299.0);
        QCOMPARE(readSeries(*reader, channelIndex(*reader, "early")).values.size(), std::size_t(600));
    }

    void alertAndSourceEventsAndCountersRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("events.h5")).toStdString();
        {
            auto writer = ArchiveWriter::create(path, smallChunks());
            writer->appendAlertRecord({kT0 + 1, "pressure", "pressure > 1013", "warning", true, 1014.5});
            writer->appendAlertRecord({kT0 + 2, "pressure", "pressure > 1013", "warning", false, 1012.0});
            writer->appendAlertRecord({kT0 + 3, std::string(300, 'c'), "long", "critical", true, 1.0});
            writer->appendSourceEvent({"serial:/dev/ttyUSB0", "gap", kT0 + 10, kT0 + 20, "device unplugged"});
            writer->setSourceCounters({{"udp:0.0.0.0:9000", 100, 3, 2, 1}});
            writer->flush();
            writer->setSourceCounters({{"udp:0.0.0.0:9000", 200, 4, 5, 6}});
            writer->close(kT0 + 100, 0);
        }
        const auto reader = ArchiveReader::open(path);
        const auto alerts = reader->alertEvents();
        QCOMPARE(alerts.size(), std::size_t(3));
        QCOMPARE(alerts[0].time_ns, kT0 + 1);
        QCOMPARE(alerts[0].channel, std::string("pressure"));
        QCOMPARE(alerts[0].rule, std::string("pressure > 1013"));
        QCOMPARE(alerts[0].severity, std::string("warning"));
        QVERIFY(alerts[0].raised);
        QVERIFY(!alerts[1].raised);
        QCOMPARE(alerts[1].value, 1012.0);
        // Longer text is cut to the field size, never spilled into the next field.
        QCOMPARE(alerts[2].channel, std::string(127, 'c'));
        QCOMPARE(alerts[2].rule, std::string("long"));
        const auto events = reader->sourceEvents();
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].kind, std::string("gap"));
        QCOMPARE(events[0].end_ns, kT0 + 20);
        QCOMPARE(events[0].message, std::string("device unplugged"));
        const auto counters = reader->sourceCounters();
        QCOMPARE(counters.size(), std::size_t(1));
        QCOMPARE(counters[0].source, std::string("udp:0.0.0.0:9000"));
        QCOMPARE(counters[0].frames, std::uint64_t(200)); // the values at close
        QCOMPARE(counters[0].ring_drops, std::uint64_t(6));
    }

    void h5pyReadsChannelsAttributesAndEvents()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("py.h5")).toStdString();
        {
            auto writer = ArchiveWriter::create(path, smallChunks());
            writer->addChannel(0, {"udp:x", "a/b weird name", "m"});
            for (int i = 0; i < 200; ++i)
                writer->append(0, kT0 + i * 7, i / 3.0);
            writer->appendAlertRecord({kT0 + 5, "a/b weird name", "rule", "critical", true, 2.5});
            writer->close(kT0 + 2000, 0);
        }
        // The lines docs/archive-format.md shows for reading a channel.
        const QString script = QStringLiteral(R"(
import h5py, json, sys
with h5py.File(sys.argv[1], "r") as f:
    g = next(g for g in f["channels"].values() if g.attrs["name"] == "a/b weird name")
    t, v = g["time"][:], g["value"][:]
    a = f["events/alerts"][:]
    print(json.dumps({"version": int(f.attrs["format_version"]), "unit": g.attrs["unit"],
                      "t": [int(x) for x in t], "v": [float(x) for x in v],
                      "alert_state": a["state"][0].decode(), "alert_value": float(a["value"][0])}))
)");
        const PythonRun run = runPython(script, {QString::fromStdString(path)});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(result.value(QStringLiteral("unit")).toString(), QStringLiteral("m"));
        const QJsonArray t = result.value(QStringLiteral("t")).toArray();
        const QJsonArray v = result.value(QStringLiteral("v")).toArray();
        QCOMPARE(t.size(), 200);
        for (int i = 0; i < 200; ++i) {
            QCOMPARE(t.at(i).toInteger(), kT0 + i * 7);
            QCOMPARE(v.at(i).toDouble(), i / 3.0);
        }
        QCOMPARE(result.value(QStringLiteral("alert_state")).toString(), QStringLiteral("raised"));
        QCOMPARE(result.value(QStringLiteral("alert_value")).toDouble(), 2.5);
    }

    // A child process writes, flushes, writes more and is killed with SIGKILL before closing.
    void killedWriterLeavesEverySampleUpToTheLastFlush()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("killed.h5")).toStdString();
        const pid_t child = fork();
        if (child == 0) {
            auto writer = ArchiveWriter::create(path, smallChunks());
            writer->addChannel(0, {"s", "x", ""});
            for (int i = 0; i < 5000; ++i)
                writer->append(0, kT0 + i, i);
            writer->flush();
            writer->addChannel(1, {"s", "never flushed", ""});
            for (int i = 5000; i < 5100; ++i)
                writer->append(0, kT0 + i, i); // 100 buffered (some whole chunks written), no flush
            raise(SIGKILL);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));

        {
            const auto reader = ArchiveReader::open(path);
            QVERIFY(!reader->cleanlyClosed());
            QCOMPARE(reader->channels().size(), std::size_t(1));
            const Series series = readSeries(*reader, 0);
            QCOMPARE(series.values.size(), std::size_t(5000));
            for (int i = 0; i < 5000; ++i)
                QCOMPARE(series.values[i], double(i));
        } // closed: HDF5 would hand recovery this process's open read-only file

        // h5py opens it as it is in SWMR mode, and in plain mode once recovered.
        const QString count = QStringLiteral(
            "import h5py, sys\n"
            "f = h5py.File(sys.argv[1], 'r', swmr=sys.argv[2] == 'swmr')\n"
            "print(f['channels/000000/value'].shape[0], f['channels/000000/value'][-1])\n");
        const PythonRun swmr = runPython(count, {QString::fromStdString(path), QStringLiteral("swmr")});
        QCOMPARE(swmr.out.trimmed(), QByteArray("5000 4999.0"));
        QCOMPARE(recoverArchive(path), RecoveryResult::Recovered);
        const PythonRun plain = runPython(count, {QString::fromStdString(path), QStringLiteral("plain")});
        QCOMPARE(plain.out.trimmed(), QByteArray("5000 4999.0"));
        QCOMPARE(recoverArchive(path), RecoveryResult::AlreadyClean);
    }

    // The writer leaves SWMR mode for a moment to add channels; a kill then leaves a plain "open for
    // writing" flag that SWMR readers refuse too. The reader clears it and reads everything flushed.
    void writerKilledWhileAddingChannelsIsRepairedOnOpen()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("window.h5")).toStdString();
        const pid_t child = fork();
        if (child == 0) {
            {
                auto writer = ArchiveWriter::create(path, smallChunks());
                writer->addChannel(0, {"s", "x", ""});
                for (int i = 0; i < 1000; ++i)
                    writer->append(0, kT0 + i, i);
                writer->close(kT0, 0);
            }
            const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
            H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
            const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl); // as applyStructureChanges() does
            if (file >= 0)
                raise(SIGKILL);
            _exit(1);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        {
            const auto reader = ArchiveReader::open(path);
            QVERIFY(reader->repaired());
            const Series series = readSeries(*reader, 0);
            QCOMPARE(series.values.size(), std::size_t(1000));
            QCOMPARE(series.values[999], 999.0);
        }
        const PythonRun plain = runPython(
            QStringLiteral("import h5py, sys\nprint(h5py.File(sys.argv[1], 'r')['channels/000000/value'].shape[0])\n"),
            {QString::fromStdString(path)});
        QCOMPARE(plain.out.trimmed(), QByteArray("1000"));
    }

    // A child with a 3 MB file-size limit writes until the writer refuses; the file keeps every flushed sample.
    void fullDiskIsReportedBeforeHdf5WritesAndTheFileStaysReadable()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("full.h5")).toStdString();
        int channel[2];
        QVERIFY(pipe(channel) == 0);
        const pid_t child = fork();
        if (child == 0) {
            ::close(channel[0]);
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{3'000'000, 3'000'000};
            setrlimit(RLIMIT_FSIZE, &limit);
            std::string report;
            try {
                ArchiveWriterOptions options = smallChunks();
                options.chunk_samples = 1024;
                auto writer = ArchiveWriter::create(path, options);
                writer->addChannel(0, {"s", "x", ""});
                for (int i = 0;; ++i) {
                    writer->append(0, kT0 + i, i);
                    if (i % 10000 == 9999) {
                        writer->flush();
                        report = std::to_string(writer->samplesFlushed());
                    }
                }
            } catch (const ArchiveError& error) {
                report += std::string("|") + error.what();
            }
            [[maybe_unused]] const auto written = ::write(channel[1], report.data(), report.size());
            _exit(0);
        }
        ::close(channel[1]);
        char buffer[1024] = {};
        QVERIFY(::read(channel[0], buffer, sizeof buffer - 1) > 0);
        ::close(channel[0]);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        const QString report = QString::fromUtf8(buffer);
        const std::uint64_t flushed = report.section(QLatin1Char('|'), 0, 0).toULongLong();
        const QString message = report.section(QLatin1Char('|'), 1);
        QVERIFY2(message.contains(QLatin1String("File too large")), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(path)), qPrintable(message));
        QVERIFY(flushed >= 10000);

        const auto reader = ArchiveReader::open(path);
        const Series series = readSeries(*reader, 0);
        QVERIFY(series.values.size() >= flushed);
        for (std::size_t i = 0; i < series.values.size(); ++i)
            QCOMPARE(series.values[i], double(i));
    }

    void badFilesGiveClearMessages_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << QByteArray("missing") << QStringLiteral("no such file");
        QTest::newRow("text") << QByteArray("text") << QStringLiteral("not an HDF5 file");
        QTest::newRow("truncated") << QByteArray("truncated") << QStringLiteral("damaged or truncated");
        QTest::newRow("foreign") << QByteArray("foreign") << QStringLiteral("not a StreamScope archive");
        QTest::newRow("newer") << QByteArray("newer") << QStringLiteral("format version 99 is not supported");
    }

    void badFilesGiveClearMessages()
    {
        QFETCH(QByteArray, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.h5")).toStdString();
        if (kind == "text") {
            FILE* f = std::fopen(path.c_str(), "w");
            std::fputs("time,value\n1,2\n", f);
            std::fclose(f);
        } else if (kind == "truncated") {
            auto writer = ArchiveWriter::create(path, smallChunks());
            writer->addChannel(0, {"s", "x", ""});
            for (int i = 0; i < 5000; ++i)
                writer->append(0, kT0 + i, i);
            writer->close(kT0, 0);
            QVERIFY(::truncate(path.c_str(), 3000) == 0);
        } else if (kind == "foreign" || kind == "newer") {
            const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            if (kind == "newer") {
                writeInt64Attribute(file, "format_version", 99);
                H5Gclose(H5Gcreate2(file, "channels", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
            }
            H5Fclose(file);
        }
        try {
            ArchiveReader::open(path);
            QFAIL("opened a bad file");
        } catch (const ArchiveError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.contains(expected), qPrintable(message));
            QVERIFY2(message.contains(QString::fromStdString(path)), qPrintable(message));
            QVERIFY(!message.contains(QLatin1Char('\n')));
        }
    }
};

QTEST_GUILESS_MAIN(TestArchiveWriter)
#include "test_archive_writer.moc"
