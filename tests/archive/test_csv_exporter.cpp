// CSV export of a real archive: layouts, time formats, channel globs and time ranges, compared as text.
#include "core/archive/archive_writer.h"
#include "core/archive/csv_exporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace streamscope;

namespace {

constexpr TimeNs kT0 = 1'795'595'632'000'000'000; // 2026-11-25T08:33:52Z

QByteArray readText(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

} // namespace

class TestCsvExporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        archive_ = dir_.filePath(QStringLiteral("a.h5")).toStdString();
        auto writer = ArchiveWriter::create(archive_, {});
        writer->addChannel(0, {"s", "temp", "degC"});
        writer->addChannel(1, {"s", "hum,rel", "%"});
        writer->addChannel(2, {"s", "other", ""});
        writer->append(0, kT0, 21.5);
        writer->append(1, kT0, 40.0);
        writer->append(0, kT0 + 500'000'000, 0.1);
        writer->append(1, kT0 + 1'000'000'001, -3e-7);
        writer->append(2, kT0 + 2'000'000'000, 7.0);
        writer->close(kT0 + 3'000'000'000, 0);
        reader_ = ArchiveReader::open(archive_);
    }

    void wideLayoutHasOneRowPerTimestampAndExactValues()
    {
        const QString out = dir_.filePath(QStringLiteral("wide.csv"));
        CsvExportOptions options;
        options.channel_globs = {"temp", "hum*"};
        const CsvExportResult result = exportCsv(*reader_, out.toStdString(), options);
        QCOMPARE(result.rows, std::uint64_t(3));
        QCOMPARE(result.samples, std::uint64_t(4));
        QCOMPARE(readText(out), QByteArray("time,temp,\"hum,rel\"\n"
                                           "2026-11-25T08:33:52.000000000Z,21.5,40\n"
                                           "2026-11-25T08:33:52.500000000Z,0.1,\n"
                                           "2026-11-25T08:33:53.000000001Z,,-3e-07\n"));
    }

    void longLayoutWithEpochTimesAndARange()
    {
        const QString out = dir_.filePath(QStringLiteral("long.csv"));
        CsvExportOptions options;
        options.layout = CsvExportOptions::Layout::Long;
        options.time_format = CsvExportOptions::TimeFormat::Epoch;
        options.from_ns = kT0 + 1;
        options.to_ns = kT0 + 2'000'000'000;
        double last_progress = 0;
        options.progress = [&](double fraction) { last_progress = fraction; };
        exportCsv(*reader_, out.toStdString(), options);
        QCOMPARE(readText(out), QByteArray("time,channel,value\n"
                                           "1795595632.500000000,temp,0.1\n"
                                           "1795595633.000000001,\"hum,rel\",-3e-07\n"
                                           "1795595634.000000000,other,7\n"));
        QCOMPARE(last_progress, 1.0);
    }

    void aSelectionMatchingNothingIsAnError()
    {
        CsvExportOptions options;
        options.channel_globs = {"nope*"};
        try {
            exportCsv(*reader_, dir_.filePath(QStringLiteral("none.csv")).toStdString(), options);
            QFAIL("exported nothing without an error");
        } catch (const ArchiveError& error) {
            QVERIFY(QString::fromUtf8(error.what()).contains(QLatin1String("no channel")));
        }
    }

    void timeFormatsAreExactToTheNanosecond()
    {
        QCOMPARE(formatIsoTime(kT0 + 123'456'789), std::string("2026-11-25T08:33:52.123456789Z"));
        QCOMPARE(formatEpochTime(kT0 + 5), std::string("1795595632.000000005"));
        QCOMPARE(formatIsoTime(-1), std::string("1969-12-31T23:59:59.999999999Z"));
    }

private:
    QTemporaryDir dir_;
    std::string archive_;
    std::unique_ptr<ArchiveReader> reader_;
};

QTEST_GUILESS_MAIN(TestCsvExporter)
#include "test_csv_exporter.moc"
