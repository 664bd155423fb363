// The record button, driven through the widget: it records what arrives while it is on, with the
// command line's recorder, into an archive that the real `streamscope inspect` reads.
#include "tests/support/loopback_udp.h"
#include "tests/support/streamscope_process.h"
#include "tests/widgets/udp_session.h"
#include "widgets/record_bar.h"
#include "widgets/session_controller.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace streamscope;
using namespace streamscope::widgets;

class TestRecordBar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theRecordButtonWritesAnArchiveThatInspectReads()
    {
        QTemporaryDir dir;
        qputenv("HOME", dir.path().toLocal8Bit()); // the suggested ~/StreamScope/... lands here
        const QString archive = dir.filePath(QStringLiteral("bench-run.h5"));
        const quint16 port = test::freeUdpPort();
        SessionController controller;
        SessionConfig config = test::udpKeyValueSession(port);
        QVERIFY(!controller.apply(config));
        QVERIFY(!controller.setRules({QStringLiteral("temp > 30 critical")}));
        RecordBar bar;
        bar.setSession(controller.live());
        QString suggested;
        bar.setFileChooser([&](const QString& suggestion) {
            suggested = suggestion;
            return archive;
        });
        bar.show();
        QSignalSpy changed(&bar, &RecordBar::recordingChanged);

        test::LoopbackUdpSocket sender;
        sender.sendTo(port, "temp:1");
        sender.sendTo(port, "temp:2"); // before recording: not in the archive
        QTRY_COMPARE(test::publishedCount(*controller.live(), "temp"), 2u);

        QTest::mouseClick(bar.recordButton(), Qt::LeftButton);
        QVERIFY(bar.recording());
        QCOMPARE(changed.count(), 1);
        QVERIFY2(suggested.contains(QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(dir.path())
                                                       + QStringLiteral("/StreamScope/\\d{8}-\\d{6}\\.h5$"))),
                 qPrintable(suggested));
        QVERIFY(QDir(dir.filePath(QStringLiteral("StreamScope"))).exists()); // the folder is made for it
        QTRY_VERIFY(bar.statusLabel()->text().startsWith(QStringLiteral("REC 00:00:0")));
        QVERIFY(bar.statusLabel()->text().contains(QStringLiteral("bench-run.h5")));
        QTest::qWait(50); // the pipeline hands over at its next tick
        for (const char* line : {"temp:10", "temp:20", "temp:35", "temp:15"})
            sender.sendTo(port, line);
        QTRY_COMPARE(test::publishedCount(*controller.live(), "temp"), 6u);
        QTest::qWait(50);

        QTest::mouseClick(bar.recordButton(), Qt::LeftButton);
        QVERIFY(!bar.recording());
        QCOMPARE(changed.count(), 2);
        QVERIFY2(bar.statusLabel()->text().startsWith(QStringLiteral("Recorded 4 samples")),
                 qPrintable(bar.statusLabel()->text()));

        const test::ProcessRun inspect = test::runStreamScope({QStringLiteral("inspect"), archive, QStringLiteral("--json")});
        QVERIFY2(inspect.exit_code == 0, inspect.err.constData());
        const QJsonObject info = QJsonDocument::fromJson(inspect.out).object();
        QCOMPARE(info.value(QStringLiteral("closed_cleanly")).toBool(), true);
        QCOMPARE(info.value(QStringLiteral("app_version")).toString(), QStringLiteral(STREAMSCOPE_VERSION));
        const QJsonArray channels = info.value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), 1);
        const QJsonObject temp = channels.at(0).toObject();
        QCOMPARE(temp.value(QStringLiteral("name")).toString(), QStringLiteral("temp"));
        QCOMPARE(temp.value(QStringLiteral("count")).toInteger(), 4);
        QCOMPARE(temp.value(QStringLiteral("min")).toDouble(), 10.0);
        QCOMPARE(temp.value(QStringLiteral("max")).toDouble(), 35.0);
        QCOMPARE(temp.value(QStringLiteral("mean")).toDouble(), 20.0);
        const QJsonArray alerts = info.value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 2); // raised at 35, cleared at 15
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("value")).toDouble(), 35.0);
        // The session, with the rules set after it started, as provenance.
        const QJsonObject provenance =
            QJsonDocument::fromJson(info.value(QStringLiteral("session_config")).toString().toUtf8()).object();
        QCOMPARE(provenance.value(QStringLiteral("alerts")).toArray(), QJsonArray{QStringLiteral("temp > 30 critical")});
        QCOMPARE(provenance.value(QStringLiteral("sources")).toArray().at(0).toObject().value(QStringLiteral("port")).toInt(),
                 port);
    }

    void aPathThatCannotBeWrittenIsReportedAndNothingRecords()
    {
        const quint16 port = test::freeUdpPort();
        SessionController controller;
        QVERIFY(!controller.apply(test::udpKeyValueSession(port)));
        RecordBar bar;
        bar.setSession(controller.live());
        bar.setFileChooser([](const QString&) { return QStringLiteral("/nonexistent-dir/run.h5"); });
        QSignalSpy failed(&bar, &RecordBar::recordingFailed);
        bar.startRecording();
        QVERIFY(!bar.recording());
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("/nonexistent-dir/run.h5")),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(bar.statusLabel()->text().startsWith(QStringLiteral("Not recording: ")));
    }
};

QTEST_MAIN(TestRecordBar)
#include "test_record_bar.moc"
