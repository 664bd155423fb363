// Opening an archive in the desktop app: its channels in the tree, the whole time range drawn from its
// level-of-detail overview, detail on zooming, the replay timeline driving statistics and alerts, errors
// for files that are not archives, and `streamscope FILE.h5`. Real HDF5 archives written by ArchiveWriter,
// the real main window on the offscreen platform.
#include "app/gui/main_window.h"
#include "core/archive/archive_writer.h"
#include "tests/archive/archive_test_support.h"
#include "tests/support/streamscope_process.h"
#include "tests/widgets/plot_test_support.h"
#include "widgets/alert_models.h"
#include "widgets/alerts_panel.h"
#include "widgets/archive_session.h"
#include "widgets/channel_colour.h"
#include "widgets/channel_tree_model.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"
#include "widgets/record_bar.h"
#include "widgets/replay_timeline.h"
#include "widgets/statistics_model.h"
#include "widgets/statistics_panel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <cmath>
#include <functional>

using namespace streamscope;
using streamscope::plot_test::near;

namespace {

constexpr TimeNs kSecond = 1'000'000'000;
constexpr TimeNs kT0 = 1'795'000'000 * kSecond;
constexpr TimeNs kSpan = 20 * kSecond;

double sineAt(TimeNs time) { return std::sin(static_cast<double>(time - kT0) * 1e-9 * 2.0); }

// Two channels over 20 s: "sine" (1 kHz, unit V, display name "Sine wave") and "level" (100 Hz, 0 for the
// first half, 10 after), recorded with the rule "level > 5 warning" and 1 s and 10 s windows.
void writeArchive(const QString& path)
{
    ArchiveWriterOptions options;
    options.chunk_samples = 4096;
    options.app_version = "test";
    options.start_time_ns = kT0;
    options.session_config = R"({"statistics": {"windows": ["1s", "10s"]}, "alerts": ["level > 5 warning"]})";
    auto writer = ArchiveWriter::create(path.toStdString(), options);
    writer->addChannel(0, ChannelInfo{"test", "sine", "V", "Sine wave"});
    writer->addChannel(1, ChannelInfo{"test", "level", "bar"});
    for (TimeNs t = kT0; t < kT0 + kSpan; t += kSecond / 1000)
        writer->append(0, t, sineAt(t));
    for (TimeNs t = kT0; t < kT0 + kSpan; t += kSecond / 100)
        writer->append(1, t, t < kT0 + kSpan / 2 ? 0.0 : 10.0);
    writer->close(kT0 + kSpan, 0);
}

// Runs `action`, which should show a modal message box; returns the box's text after answering it.
QString messageBoxDuring(const std::function<void()>& action, QMessageBox::StandardButton answer = QMessageBox::Ok)
{
    QString text;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            text = box->text();
            box->button(answer)->click();
        }
    });
    poll.start(20);
    action();
    return text;
}

// The x positions of `area` at which a pixel of (nearly) `colour` appears, and the rows where it does.
struct ColourSpan {
    int left = -1;
    int right = -1;
    int top = -1;
    int bottom = -1;
};

ColourSpan colourSpan(const QImage& image, QColor colour, QRect area)
{
    ColourSpan span;
    for (int x = area.left(); x <= area.right(); ++x)
        for (int y = area.top(); y <= area.bottom(); ++y) {
            if (!near(image.pixelColor(x, y), colour))
                continue;
            span.left = span.left < 0 ? x : span.left;
            span.right = x;
            span.top = span.top < 0 ? y : std::min(span.top, y);
            span.bottom = std::max(span.bottom, y);
        }
    return span;
}

// Rows of (nearly) `colour` within the columns [from, to] of `area`: where the curve is drawn there.
ColourSpan colourRowsIn(const QImage& image, QColor colour, QRect area, int from, int to)
{
    return colourSpan(image, colour, QRect(QPoint(from, area.top()), QPoint(to, area.bottom())));
}

widgets::PlotView* plotShowing(const widgets::PlotArea& area, ChannelIndex channel)
{
    for (widgets::PlotView* plot : area.plots())
        if (plot->hasChannel(channel))
            return plot;
    return nullptr;
}

bool logHasRule(const QAbstractItemModel& log, const QString& rule)
{
    for (int row = 0; row < log.rowCount(); ++row)
        if (log.index(row, widgets::AlertLogModel::RuleColumn).data().toString().contains(rule))
            return true;
    return false;
}

} // namespace

class TestArchiveView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // recent files and window state stay out of the user's settings
        QSettings().clear();
        QVERIFY(dir_.isValid());
        archive_ = dir_.filePath(QStringLiteral("view.h5"));
        writeArchive(archive_);
    }

    void openingAnArchiveShowsItsChannelsAndDrawsThem()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openArchiveFile(archive_));
        QCOMPARE(window.windowTitle(), QStringLiteral("view.h5 — StreamScope"));

        // The tree: the archive is the source, its channels under it with display name and unit.
        auto* tree = window.findChild<widgets::ChannelTreeModel*>();
        QVERIFY(tree);
        QCOMPARE(tree->rowCount(), 1);
        const QModelIndex source = tree->index(0, 0);
        QCOMPARE(source.data().toString(), QStringLiteral("view.h5"));
        QCOMPARE(tree->rowCount(source), 2);
        QCOMPARE(tree->index(0, widgets::ChannelTreeModel::NameColumn, source).data().toString(), QStringLiteral("Sine wave"));
        QCOMPARE(tree->index(0, widgets::ChannelTreeModel::UnitColumn, source).data().toString(), QStringLiteral("V"));
        QCOMPARE(tree->index(1, widgets::ChannelTreeModel::NameColumn, source).data().toString(), QStringLiteral("level"));
        QVERIFY(tree->isChannelChecked(0) && tree->isChannelChecked(1));

        // The plots show the whole archive, each channel on a plot of its own group.
        widgets::PlotArea* area = window.plotArea();
        QCOMPARE(area->viewLeft(), kT0);
        QCOMPARE(area->viewRight(), kT0 + kSpan);
        QVERIFY(area->isPaused());
        widgets::PlotView* sine_plot = plotShowing(*area, 0);
        widgets::PlotView* level_plot = plotShowing(*area, 1);
        QVERIFY(sine_plot && level_plot && sine_plot != level_plot);
        QCOMPARE(sine_plot->legendText(0), QStringLiteral("Sine wave"));
        // The columns are queried off the GUI thread and drawn when they arrive: 20,000 and 2,000 samples
        // over about 1,000 pixel columns give more than a point per column.
        QTRY_VERIFY(sine_plot->graphOf(0)->dataCount() > 1000);
        QTRY_VERIFY(level_plot->graphOf(1)->dataCount() > 1000);
        for (widgets::PlotView* plot : {sine_plot, level_plot})
            plot->replot(); // what the queued replot of the next event loop pass draws

        // Pixels: the sine across the whole width and the level low in the first half, high in the second.
        const QRect sine_rect = sine_plot->axisRect()->rect();
        const ColourSpan sine = colourSpan(sine_plot->grab().toImage(), widgets::channelColour(0), sine_rect);
        QVERIFY2(sine.left >= 0 && sine.left < sine_rect.left() + 5 && sine.right > sine_rect.right() - 5,
                 qPrintable(QStringLiteral("sine drawn from x %1 to %2 in %3..%4")
                                .arg(sine.left).arg(sine.right).arg(sine_rect.left()).arg(sine_rect.right())));
        QVERIFY(sine.bottom - sine.top > sine_rect.height() / 2); // the whole swing, not a flat line
        const QImage level_image = level_plot->grab().toImage();
        const QRect level_rect = level_plot->axisRect()->rect();
        const QColor level_colour = widgets::channelColour(1);
        const int quarter = level_rect.width() / 4;
        const int after_legend = level_plot->legend->outerRect().right() + 2; // its line sample is the colour too
        const ColourSpan first = colourRowsIn(level_image, level_colour, level_rect, after_legend,
                                              level_rect.left() + quarter);
        const ColourSpan last = colourRowsIn(level_image, level_colour, level_rect, level_rect.right() - quarter,
                                             level_rect.right() - 2);
        QVERIFY(first.top >= 0 && last.top >= 0);
        QVERIFY2(first.top > level_rect.center().y() && last.bottom < level_rect.center().y(),
                 qPrintable(QStringLiteral("level rows %1..%2 first, %3..%4 last, centre %5")
                                .arg(first.top).arg(first.bottom).arg(last.top).arg(last.bottom)
                                .arg(level_rect.center().y())));

        // Recent archives remember it.
        QCOMPARE(QSettings().value(QStringLiteral("recent/archives")).toStringList().value(0), archive_);
    }

    void zoomingInReQueriesAndShowsEverySample()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openArchiveFile(archive_));
        widgets::PlotView* plot = plotShowing(*window.plotArea(), 0);
        QVERIFY(plot);
        QCPGraph* graph = plot->graphOf(0);
        const int width = plot->axisRect()->width();
        QTRY_VERIFY(graph->dataCount() > 1000);
        // Whole range: 20,000 samples reach the plot as at most four points per pixel column.
        QVERIFY2(graph->dataCount() <= 4 * width && graph->dataCount() < 20'000,
                 qPrintable(QString::number(graph->dataCount())));

        // 0.1 s holds 101 samples, far fewer than the pixels: each one is drawn, exactly, with a marker.
        const TimeNs from = kT0 + 5 * kSecond;
        const TimeNs to = from + kSecond / 10;
        window.plotArea()->setViewRange(from, to);
        QTRY_COMPARE(graph->dataCount(), 101);
        QCOMPARE(graph->scatterStyle().shape(), QCPScatterStyle::ssDisc);
        for (int i = 0; i < graph->dataCount(); i += 25) {
            const TimeNs time = from + static_cast<TimeNs>(i) * (kSecond / 1000);
            QCOMPARE(graph->data()->at(i)->value, sineAt(time));
        }
        // The visible range as CSV: every sample in it, from the archive.
        const QString csv = dir_.filePath(QStringLiteral("visible.csv"));
        QCOMPARE(window.plotArea()->exportVisibleCsv(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(), QByteArray("time,sine,level"));
        QCOMPARE(lines.size(), 1 + 101 + 1); // header, the sine's 101 samples (the level's 11 share their times), ""
        // The cursor reads the sample nearest to it from the archive.
        window.plotArea()->setCursorTime(from + kSecond / 1000 * 10 + 100);
        QCOMPARE(plot->legendText(0), QStringLiteral("Sine wave = %1 V").arg(sineAt(from + kSecond / 100), 0, 'g', 6));
    }

    void theTimelinePlaysAndSeeksThroughStatisticsAndAlerts()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openArchiveFile(archive_));
        widgets::ReplayTimeline* timeline = window.timeline();
        QVERIFY(timeline->isVisible());
        QVERIFY(!timeline->playing());
        ReplaySource& replay = window.archive()->replay();
        QCOMPARE(replay.position(), kT0);
        QCOMPARE(timeline->slider()->value(), 0);
        QVERIFY(timeline->timeLabel()->text().contains(QStringLiteral("00:00:20.0")));

        // Paused, nothing is replayed; the recorded rule is in the rules editor.
        auto* alerts = window.findChild<widgets::AlertsPanel*>();
        QVERIFY(alerts->editedRules().contains(QStringLiteral("level > 5 warning")));
        QTest::qWait(100);
        QCOMPARE(replay.samplesPublished(), 0u);

        // Moving the slider seeks (paused, the position moves and nothing is replayed yet).
        timeline->slider()->setValue(widgets::ReplayTimeline::kSliderSteps / 4);
        QTRY_COMPARE(replay.position(), kT0 + kSpan / 4);
        QCOMPARE(replay.samplesPublished(), 0u);

        // Ctrl+Space plays and pauses.
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(timeline->playing());
        QTest::keyClick(&window, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(!timeline->playing());

        // Seek to 8 s, then play at 10x: the replay time advances from there.
        timeline->seek(kT0 + 8 * kSecond);
        QCOMPARE(timeline->slider()->value(), widgets::ReplayTimeline::kSliderSteps * 8 / 20);
        timeline->setSpeed(10.0);
        QCOMPARE(timeline->speedBox()->currentText(), QStringLiteral("10x"));
        timeline->play();
        QVERIFY(timeline->playing());
        QVERIFY(window.plotArea()->isPaused() == false); // playing follows the replay clock
        QTRY_VERIFY(replay.position() > kT0 + 8 * kSecond + kSecond / 2);
        QTRY_VERIFY_WITH_TIMEOUT(timeline->slider()->value() > widgets::ReplayTimeline::kSliderSteps * 8 / 20, 2000);
        QTRY_COMPARE(window.plotArea()->viewRight(), replay.position());

        // The statistics dock fills and the recorded rule raises its alert as the level crosses 5 at 10 s.
        auto* statistics = window.findChild<widgets::StatisticsPanel*>();
        QTRY_COMPARE(statistics->model()->rowCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(logHasRule(*alerts->logModel(), QStringLiteral("level > 5")), 10'000);
        QTRY_COMPARE(alerts->activeModel()->rowCount(), 1);
        QCOMPARE(alerts->activeModel()->index(0, widgets::ActiveAlertsModel::ChannelColumn).data().toString(),
                 QStringLiteral("level"));

        // Pause stops the clock; max speed runs to the end.
        timeline->pause();
        QVERIFY(!timeline->playing());
        const TimeNs paused_at = replay.position();
        QTest::qWait(100);
        QCOMPARE(replay.position(), paused_at);
        timeline->setMaxSpeed();
        QCOMPARE(timeline->speedBox()->currentText(), QStringLiteral("max"));
        timeline->play();
        QTRY_VERIFY(replay.finished());
        QTRY_VERIFY(!timeline->playing());
        QTRY_COMPARE(timeline->slider()->value(), widgets::ReplayTimeline::kSliderSteps);

        // Seeking after the end waits there for play.
        timeline->seek(kT0 + 2 * kSecond);
        QTRY_COMPARE(replay.position(), kT0 + 2 * kSecond);
        QTest::qWait(100);
        QCOMPARE(replay.position(), kT0 + 2 * kSecond);
        QVERIFY(!timeline->playing());
        timeline->play();
        QTRY_VERIFY(replay.position() > kT0 + 2 * kSecond);
    }

    void rulesEditedWhileAnArchiveIsOpenApplyToItsReplay()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(window.openArchiveFile(archive_));
        auto* alerts = window.findChild<widgets::AlertsPanel*>();
        alerts->ruleEditor()->setPlainText(QStringLiteral("sine > 0.99 info"));
        alerts->applyButton()->click();
        QCOMPARE(window.archive()->rules().size(), std::size_t(1));
        QCOMPARE(window.archive()->rules().front().text, std::string("sine > 0.99 info"));
        QTest::qWait(300); // the pipeline switches rules at its next tick
        window.timeline()->setMaxSpeed();
        window.timeline()->play();
        QTRY_VERIFY(window.archive()->replay().finished());
        QTRY_VERIFY(logHasRule(*alerts->logModel(), QStringLiteral("sine > 0.99")));
        QVERIFY(!logHasRule(*alerts->logModel(), QStringLiteral("level > 5"))); // the recorded rule was replaced
    }

    void filesThatAreNotArchivesAreReportedByNameAndReason_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reason");
        QTest::newRow("text") << QStringLiteral("notes.h5") << QStringLiteral("not an HDF5 file");
        QTest::newRow("truncated") << QStringLiteral("cut.h5") << QStringLiteral("damaged or truncated");
        QTest::newRow("newer") << QStringLiteral("future.h5") << QStringLiteral("format version 99 is not supported");
        QTest::newRow("missing") << QStringLiteral("gone.h5") << QStringLiteral("no such file");
    }

    void filesThatAreNotArchivesAreReportedByNameAndReason()
    {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        const QString path = dir_.filePath(name);
        if (name == QStringLiteral("notes.h5")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("time,value\n1,2\n");
        } else if (name == QStringLiteral("cut.h5")) {
            QFile whole(archive_);
            QVERIFY(whole.open(QIODevice::ReadOnly));
            QFile cut(path);
            QVERIFY(cut.open(QIODevice::WriteOnly));
            cut.write(whole.read(whole.size() / 2));
        } else if (name == QStringLiteral("future.h5")) {
            QVERIFY(QFile::copy(archive_, path));
            const auto run = archive_test::runPython(
                QStringLiteral("import h5py, sys\nwith h5py.File(sys.argv[1], 'r+') as f: f.attrs['format_version'] = 99"),
                {path});
            QVERIFY2(run.exit_code == 0, run.err.constData());
        }

        gui::MainWindow window;
        window.show();
        QVERIFY(window.openArchiveFile(archive_));
        bool opened = true;
        const QString message = messageBoxDuring([&] { opened = window.openArchiveFile(path); });
        QVERIFY(!opened);
        QVERIFY2(message.contains(path) && message.contains(reason), qPrintable(message));
        // What was open stays open.
        QVERIFY(window.archive() != nullptr);
        QCOMPARE(QString::fromStdString(window.archive()->reader().path()), archive_);
    }

    void anArchiveDroppedOnTheWindowOpens()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(archive_)});
        const QPoint at = window.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QTRY_VERIFY(window.archive() != nullptr);

        // Dropped on a plot, which takes only channels, it reaches the window too.
        window.closeArchive();
        widgets::PlotView* plot = window.plotArea()->currentPlot();
        const QPoint on_plot = plot->rect().center();
        QDragEnterEvent enter_plot(on_plot, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &enter_plot);
        QVERIFY(enter_plot.isAccepted());
        QDropEvent drop_on_plot(on_plot, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &drop_on_plot);
        QTRY_VERIFY(window.archive() != nullptr);

        QMimeData text;
        text.setUrls({QUrl::fromLocalFile(dir_.filePath(QStringLiteral("notes.txt")))});
        QDragEnterEvent refused(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        refused.ignore();
        QApplication::sendEvent(&window, &refused);
        QVERIFY(!refused.isAccepted());
    }

    void openingAnArchiveWhileRecordingAsksFirst()
    {
        gui::MainWindow window;
        window.show();
        window.startDemo();
        auto* record_bar = window.findChild<widgets::RecordBar*>();
        const QString recording = dir_.filePath(QStringLiteral("recording.h5"));
        record_bar->setFileChooser([&](const QString&) { return recording; });
        record_bar->startRecording();
        QVERIFY(record_bar->recording());

        bool opened = true;
        QString question = messageBoxDuring([&] { opened = window.openArchiveFile(archive_); }, QMessageBox::No);
        QVERIFY2(question.contains(QStringLiteral("ends the recording")), qPrintable(question));
        QVERIFY(!opened);
        QVERIFY(record_bar->recording());
        QVERIFY(window.archive() == nullptr);

        question = messageBoxDuring([&] { opened = window.openArchiveFile(archive_); }, QMessageBox::Yes);
        QVERIFY(opened);
        QVERIFY(!record_bar->recording());
        QVERIFY(window.archive() != nullptr);
        QVERIFY(ArchiveReader::open(recording.toStdString())->cleanlyClosed()); // the recording ended properly
    }

    void startingALiveSessionClosesTheArchive()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(window.openArchiveFile(archive_));
        window.startDemo();
        QVERIFY(window.archive() == nullptr);
        QVERIFY(!window.timeline()->isVisible());
        QCOMPARE(window.windowTitle(), QStringLiteral("StreamScope"));
        window.stopSources();
    }

    void theArchiveChannelTreePassesTheModelTester()
    {
        const auto session = widgets::ArchiveSession::open(archive_.toStdString());
        widgets::ChannelTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshotSource([&session] { return session->channelSnapshot(); });
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        const QModelIndex level = model.index(1, widgets::ChannelTreeModel::ValueColumn, model.index(0, 0));
        QCOMPARE(level.data().toString(), QString()); // nothing replayed yet
        session->replay().setMaxSpeed();
        session->replay().resume();
        QTRY_VERIFY(session->replay().finished());
        QTRY_COMPARE(session->engine().pipeline().samplesProcessed(), session->replay().samplesPublished());
        model.refresh();
        QCOMPARE(level.data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(1, widgets::ChannelTreeModel::CountColumn, model.index(0, 0)).data().toString(),
                 QStringLiteral("2000"));
        model.setSnapshotSource({});
        QCOMPARE(model.rowCount(), 0);
    }

    void anArchiveWithoutAPyramidHasOneBuiltWithProgress()
    {
        // An archive from before level-of-detail pyramids: the same file with its lod_* datasets removed.
        const QString old = dir_.filePath(QStringLiteral("old.h5"));
        QVERIFY(QFile::copy(archive_, old));
        const auto run = archive_test::runPython(
            QStringLiteral("import h5py, sys\n"
                           "with h5py.File(sys.argv[1], 'r+') as f:\n"
                           "    for group in f['channels'].values():\n"
                           "        for name in [n for n in group if n.startswith('lod')]: del group[name]\n"),
            {old});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        qputenv("XDG_CACHE_HOME", dir_.filePath(QStringLiteral("cache")).toLocal8Bit()); // where the pyramid goes

        std::uint64_t last_done = 0;
        std::uint64_t last_total = 0;
        const auto session = widgets::ArchiveSession::open(old.toStdString(), [&](std::uint64_t done, std::uint64_t total) {
            last_done = done;
            last_total = total;
        });
        QVERIFY(session->overview().built());
        QCOMPARE(last_total, std::uint64_t(22'000)); // every sample of both channels summarised
        QCOMPARE(last_done, last_total);
        // Drawn from it exactly as from a pyramid written while recording.
        const auto recorded = widgets::ArchiveSession::open(archive_.toStdString());
        std::vector<M4Column> built;
        std::vector<M4Column> written;
        const M4Range range{kT0 - kSecond, kT0 + kSpan + kSecond, 333};
        session->query(0, range, built);
        recorded->query(0, range, written);
        QCOMPARE(built.size(), written.size());
        std::size_t filled = 0;
        for (std::size_t i = 0; i < built.size(); ++i) {
            QCOMPARE(built[i].count, written[i].count);
            if (built[i].count == 0)
                continue; // an empty column's extremes are NaN
            ++filled;
            QVERIFY(built[i].min == written[i].min && built[i].max == written[i].max && built[i].last == written[i].last);
        }
        QVERIFY(filled > 300);
    }

    void theCommandLineOpensTheWindowOnAnArchive()
    {
        const QString shot = dir_.filePath(QStringLiteral("shot.png"));
        // The child inherits the offscreen platform; its recent files go to a settings folder of the test's.
        qputenv("XDG_CONFIG_HOME", dir_.filePath(QStringLiteral("config")).toLocal8Bit());
        const auto run = test::runStreamScope({archive_, QStringLiteral("--screenshot"), shot});
        QVERIFY2(run.exit_code == 0, run.err.constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        int sine = 0;
        int level = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                sine += near(image.pixelColor(x, y), widgets::channelColour(0)) ? 1 : 0;
                level += near(image.pixelColor(x, y), widgets::channelColour(1)) ? 1 : 0;
            }
        QVERIFY2(sine > 200 && level > 100, qPrintable(QStringLiteral("%1 sine, %2 level pixels").arg(sine).arg(level)));
    }

private:
    QTemporaryDir dir_;
    QString archive_;
};

QTEST_MAIN(TestArchiveView)
#include "test_archive_view.moc"
