// `streamscope overview`: the real binary on archives written by the real ArchiveWriter; its JSON is
// parsed and checked against m4Naive over the samples written.
#include "core/archive/archive_writer.h"
#include "core/archive/lod_pyramid.h"
#include "tests/support/streamscope_process.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace streamscope;
using streamscope::test::runStreamScope;

namespace {

constexpr TimeNs kT0 = 1'795'000'000'000'000'000;
constexpr TimeNs kStep = 1'000'000; // 1 kHz

struct Channel {
    std::string name;
    std::vector<TimeNs> times;
    std::vector<double> values;
};

std::vector<Channel> writeArchive(const std::string& path)
{
    std::vector<Channel> channels{{"pressure", {}, {}}, {"temp.a", {}, {}}, {"temp.b", {}, {}}};
    ArchiveWriterOptions options;
    options.chunk_samples = 4096;
    options.start_time_ns = kT0;
    auto writer = ArchiveWriter::create(path, options);
    for (std::size_t c = 0; c < channels.size(); ++c)
        writer->addChannel(static_cast<ChannelIndex>(c), ChannelInfo{"test", channels[c].name, "V"});
    for (int i = 0; i < 50'000; ++i) {
        for (std::size_t c = 0; c < channels.size(); ++c) {
            const TimeNs time = kT0 + i * kStep + static_cast<TimeNs>(c);
            const double value = i % 997 == 5 ? std::nan("") : std::sin(i * 0.01 + static_cast<double>(c)) * 10.0;
            channels[c].times.push_back(time);
            channels[c].values.push_back(value);
            writer->append(static_cast<ChannelIndex>(c), time, value);
        }
    }
    writer->close(kT0 + 50'000 * kStep, 0);
    return channels;
}

// Compares one channel's JSON columns with m4Naive; returns a message naming the first difference.
QString checkJsonColumns(const QJsonArray& json, const Channel& channel, M4Range range)
{
    std::vector<M4Column> want;
    m4Naive(channel.times, channel.values, range, want);
    const auto point = [](const QJsonObject& column, const char* name, TimeNs time, double value) {
        const QJsonObject p = column.value(QLatin1String(name)).toObject();
        const QJsonValue v = p.value(QStringLiteral("v"));
        return p.value(QStringLiteral("t")).toInteger() == time && (std::isnan(value) ? v.isNull() : v.toDouble() == value);
    };
    qsizetype k = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].count == 0)
            continue;
        if (k >= json.size())
            return QStringLiteral("column %1 missing").arg(i);
        const QJsonObject column = json[k++].toObject();
        const M4Column& w = want[i];
        if (column.value(QStringLiteral("column")).toInteger() != static_cast<qint64>(i) ||
            column.value(QStringLiteral("count")).toInteger() != static_cast<qint64>(w.count) ||
            !point(column, "first", w.first_time, w.first) || !point(column, "last", w.last_time, w.last) ||
            !point(column, "min", w.min_time, w.min) || !point(column, "max", w.max_time, w.max))
            return QStringLiteral("column %1 differs: %2")
                .arg(i)
                .arg(QString::fromUtf8(QJsonDocument(column).toJson(QJsonDocument::Compact)));
    }
    return k == json.size() ? QString() : QStringLiteral("%1 extra columns").arg(json.size() - k);
}

void removePyramid(const QString& path)
{
    const Hid file(H5Fopen(path.toUtf8().constData(), H5F_ACC_RDWR, H5P_DEFAULT));
    for (const char* group : {"channels/000000/", "channels/000001/", "channels/000002/"})
        for (const char* dataset : archive::kLodDatasets)
            QVERIFY(H5Ldelete(file.get(), (std::string(group) + dataset).c_str(), H5P_DEFAULT) >= 0);
}

bool hasPyramid(const QString& path)
{
    const Hid file(H5Fopen(path.toUtf8().constData(), H5F_ACC_RDONLY, H5P_DEFAULT));
    bool all = true;
    for (const char* group : {"channels/000000/", "channels/000001/", "channels/000002/"})
        for (const char* dataset : archive::kLodDatasets)
            all = all && H5Lexists(file.get(), (std::string(group) + dataset).c_str(), H5P_DEFAULT) > 0;
    return all;
}

} // namespace

class TestOverviewCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        qputenv("XDG_CACHE_HOME", dir_.filePath(QStringLiteral("cache")).toUtf8());
        archive_ = dir_.filePath(QStringLiteral("run.h5"));
        channels_ = writeArchive(archive_.toStdString());
    }

    void jsonColumnsAreTheM4OfTheSamples()
    {
        const auto run = runStreamScope({QStringLiteral("overview"), archive_, QStringLiteral("--width"),
                                         QStringLiteral("700"), QStringLiteral("--from"), QStringLiteral("1795000003.25"),
                                         QStringLiteral("--to"), QStringLiteral("2026-11-18T11:07:00.5Z"),
                                         QStringLiteral("--channels"), QStringLiteral("temp.*"), QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 0);
        QJsonParseError error{};
        const QJsonObject root = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const M4Range range{1'795'000'003'250'000'000, 1'795'000'020'500'000'000, 700};
        QCOMPARE(root.value(QStringLiteral("from_ns")).toInteger(), range.from);
        QCOMPARE(root.value(QStringLiteral("to_ns")).toInteger(), range.to);
        const QJsonArray channels = root.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 2);
        for (qsizetype k = 0; k < 2; ++k) {
            const QJsonObject channel = channels[k].toObject();
            QCOMPARE(channel.value(QStringLiteral("name")).toString().toStdString(), channels_[1 + k].name);
            const QString message =
                checkJsonColumns(channel.value(QStringLiteral("columns")).toArray(), channels_[1 + k], range);
            QVERIFY2(message.isEmpty(), qPrintable(message));
        }
    }

    void theDefaultRangeIsTheWholeArchive()
    {
        const auto run = runStreamScope(
            {QStringLiteral("overview"), archive_, QStringLiteral("--width"), QStringLiteral("33"), QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        const M4Range range{kT0, kT0 + 49'999 * kStep + 2 + 1, 33};
        QCOMPARE(root.value(QStringLiteral("from_ns")).toInteger(), range.from);
        QCOMPARE(root.value(QStringLiteral("to_ns")).toInteger(), range.to);
        const QJsonArray channels = root.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 3);
        for (qsizetype k = 0; k < 3; ++k) {
            const QString message = checkJsonColumns(
                channels[k].toObject().value(QStringLiteral("columns")).toArray(), channels_[static_cast<std::size_t>(k)], range);
            QVERIFY2(message.isEmpty(), qPrintable(message));
        }
    }

    void withoutJsonASummaryLinePerChannel()
    {
        const auto run = runStreamScope({QStringLiteral("overview"), archive_, QStringLiteral("--width"), QStringLiteral("10")});
        QCOMPARE(run.exit_code, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[1].startsWith("pressure") && lines[1].contains("50000 samples in 10 of 10 columns"),
                 lines[1].constData());
    }

    // A writable archive gets the pyramid in the file itself, with a progress line; --keep-file builds
    // it into the cache instead and leaves the file as it was.
    void anArchiveWithoutPyramidGetsOneInTheFileOrWithKeepFileInTheCache()
    {
        const QString old = dir_.filePath(QStringLiteral("old.h5"));
        const std::vector<Channel> channels = writeArchive(old.toStdString());
        removePyramid(old);
        const QStringList arguments{QStringLiteral("overview"), old, QStringLiteral("--width"), QStringLiteral("50"),
                                    QStringLiteral("--json")};
        const auto first = runStreamScope(arguments);
        QCOMPARE(first.exit_code, 0);
        QVERIFY2(first.err.contains("building the overview pyramid of") && first.err.contains("100%"), first.err.constData());
        const M4Range range{kT0, kT0 + 49'999 * kStep + 2 + 1, 50};
        const QJsonArray json = QJsonDocument::fromJson(first.out).object().value(QStringLiteral("channels")).toArray();
        const QString message = checkJsonColumns(json[0].toObject().value(QStringLiteral("columns")).toArray(), channels[0], range);
        QVERIFY2(message.isEmpty(), qPrintable(message));
        QVERIFY(hasPyramid(old));
        QVERIFY(!QDir(dir_.filePath(QStringLiteral("cache/streamscope/lod"))).exists());
        const auto second = runStreamScope(arguments);
        QCOMPARE(second.exit_code, 0);
        QVERIFY2(second.err.isEmpty(), second.err.constData()); // the file's pyramid is used
        QCOMPARE(second.out, first.out);

        removePyramid(old);
        const auto kept = runStreamScope(arguments + QStringList{QStringLiteral("--keep-file")});
        QCOMPARE(kept.exit_code, 0);
        QVERIFY2(kept.err.contains("building the overview pyramid of"), kept.err.constData());
        QCOMPARE(kept.out, first.out);
        QVERIFY(!hasPyramid(old));
        QCOMPARE(QDir(dir_.filePath(QStringLiteral("cache/streamscope/lod"))).entryList(QDir::Files).size(), 1);
    }

    void badValuesAndFilesGiveOneLineNamingThem_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exit_code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no width") << QStringList{} << 2 << QStringLiteral("missing --width");
        QTest::newRow("zero width") << QStringList{QStringLiteral("--width"), QStringLiteral("0")} << 2
                                    << QStringLiteral("bad --width '0'");
        QTest::newRow("text width") << QStringList{QStringLiteral("--width"), QStringLiteral("wide")} << 2
                                    << QStringLiteral("bad --width 'wide'");
        QTest::newRow("bad from") << QStringList{QStringLiteral("--width"), QStringLiteral("9"), QStringLiteral("--from"),
                                                 QStringLiteral("yesterday")}
                                  << 2 << QStringLiteral("bad --from 'yesterday'");
        QTest::newRow("reversed") << QStringList{QStringLiteral("--width"), QStringLiteral("9"), QStringLiteral("--from"),
                                                 QStringLiteral("1795000005"), QStringLiteral("--to"),
                                                 QStringLiteral("1795000004")}
                                  << 2 << QStringLiteral("--from '1795000005' is not before --to '1795000004'");
        QTest::newRow("no channel") << QStringList{QStringLiteral("--width"), QStringLiteral("9"),
                                                   QStringLiteral("--channels"), QStringLiteral("volt*")}
                                    << 2 << QStringLiteral("no channel of");
    }

    void badValuesAndFilesGiveOneLineNamingThem()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exit_code);
        QFETCH(QString, message);
        const auto run = runStreamScope(QStringList{QStringLiteral("overview"), archive_} + arguments);
        QCOMPARE(run.exit_code, exit_code);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void aFileThatIsNotAnArchiveIsNamed()
    {
        const QString text = dir_.filePath(QStringLiteral("notes.h5"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not hdf5");
        file.close();
        const auto run = runStreamScope({QStringLiteral("overview"), text, QStringLiteral("--width"), QStringLiteral("5")});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(text.toUtf8()) && run.err.contains("not an HDF5 file"), run.err.constData());
    }

private:
    QTemporaryDir dir_;
    QString archive_;
    std::vector<Channel> channels_;
};

QTEST_GUILESS_MAIN(TestOverviewCli)
#include "test_overview_cli.moc"
