// The alerts dock over a real engine reading real UDP datagrams: a threshold crossing shows as an
// active alert coloured by severity the moment the pipeline raises it, the log keeps every event,
// acknowledging quiets a row, and the rule editor speaks the command line's rule language.
#include "core/processing/alert_rule_parser.h"
#include "tests/support/loopback_udp.h"
#include "tests/widgets/udp_session.h"
#include "widgets/alert_models.h"
#include "widgets/alerts_panel.h"
#include "widgets/session_controller.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace streamscope;
using namespace streamscope::widgets;

namespace {

QString cell(const QAbstractItemModel& model, int row, int column) { return model.index(row, column).data().toString(); }

AlertEvent makeEvent(const char* channel, const char* rule, AlertSeverity severity, AlertState state, ChannelIndex index)
{
    AlertEvent e;
    e.channel = index;
    e.channel_name = channel;
    e.rule = rule;
    e.severity = severity;
    e.state = state;
    return e;
}

} // namespace

class TestAlertsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void crossingAThresholdShowsTheAlertInTheDock()
    {
        const quint16 port = test::freeUdpPort();
        SessionController controller;
        AlertsPanel panel;
        QAbstractItemModelTester active_tester(panel.activeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester log_tester(panel.logModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&controller, &SessionController::sessionStarted, &panel, [&panel](LiveSession* live) {
            if (live != nullptr)
                connect(live, &LiveSession::alertEvent, &panel, &AlertsPanel::addEvent);
        });
        panel.setRuleApplier([&controller](const QStringList& rules) { return controller.setRules(rules); });
        SessionConfig config = test::udpKeyValueSession(port);
        QVERIFY(!controller.setRules({QStringLiteral("temp > 30 clear < 28 critical")}));
        config.alerts = controller.config().alerts;
        const auto failure = controller.apply(config);
        QVERIFY2(!failure, failure ? failure->c_str() : "");
        panel.resize(900, 400);
        panel.show();

        test::LoopbackUdpSocket sender;
        sender.sendTo(port, "temp:25");
        QTRY_COMPARE(test::publishedCount(*controller.live(), "temp"), 1u);
        QCOMPARE(panel.activeModel()->rowCount(), 0);

        sender.sendTo(port, "temp:31.5");
        QTRY_COMPARE(panel.activeModel()->rowCount(), 1);
        const ActiveAlertsModel& active = *panel.activeModel();
        QCOMPARE(cell(active, 0, ActiveAlertsModel::SeverityColumn), QStringLiteral("critical"));
        QCOMPARE(cell(active, 0, ActiveAlertsModel::ChannelColumn), QStringLiteral("temp"));
        QCOMPARE(cell(active, 0, ActiveAlertsModel::RuleColumn), QStringLiteral("temp > 30 clear < 28 critical"));
        QCOMPARE(cell(active, 0, ActiveAlertsModel::ValueColumn), QStringLiteral("31.5"));
        QCOMPARE(cell(active, 0, ActiveAlertsModel::AcknowledgedColumn), QStringLiteral("no"));
        const QColor background = active.index(0, 0).data(Qt::BackgroundRole).value<QColor>();
        QCOMPARE(background.rgb(), severityColour(AlertSeverity::Critical).rgb());
        QCOMPARE(panel.logModel()->rowCount(), 1);
        QCOMPARE(cell(*panel.logModel(), 0, AlertLogModel::StateColumn), QStringLiteral("raised"));

        // The row is drawn in the severity's colour.
        QTest::qWait(50);
        const QTableView* table = panel.activeTable();
        const QImage pixels = table->viewport()->grab().toImage();
        const QRect row_rect = table->visualRect(active.index(0, 0)).united(
            table->visualRect(active.index(0, ActiveAlertsModel::AcknowledgedColumn))).intersected(pixels.rect());
        int reddish = 0;
        for (int x = row_rect.left(); x <= row_rect.right(); ++x) {
            const QColor c = pixels.pixelColor(x, row_rect.top() + 2); // above the text: the background
            reddish += c.red() > c.green() + 40 && c.red() > c.blue() + 40 ? 1 : 0;
        }
        QVERIFY2(reddish > row_rect.width() * 8 / 10, qPrintable(QStringLiteral("%1 of %2 pixels red").arg(reddish).arg(row_rect.width())));

        panel.acknowledgeAllButton()->click();
        QCOMPARE(cell(active, 0, ActiveAlertsModel::AcknowledgedColumn), QStringLiteral("yes"));
        QVERIFY(active.index(0, 0).data(Qt::BackgroundRole).value<QColor>().alpha()
                < background.alpha());

        sender.sendTo(port, "temp:29"); // between clear and threshold: no change
        sender.sendTo(port, "temp:27");
        QTRY_COMPARE(panel.activeModel()->rowCount(), 0);
        QCOMPARE(panel.logModel()->rowCount(), 2);
        QCOMPARE(cell(*panel.logModel(), 1, AlertLogModel::StateColumn), QStringLiteral("cleared"));
        QCOMPARE(cell(*panel.logModel(), 1, AlertLogModel::ValueColumn), QStringLiteral("27"));
    }

    void theRuleEditorShowsTheParsersMessageAndAppliesGoodRules()
    {
        const quint16 port = test::freeUdpPort();
        SessionController controller;
        QVERIFY(!controller.apply(test::udpKeyValueSession(port)));
        AlertsPanel panel;
        connect(controller.live(), &LiveSession::alertEvent, &panel, &AlertsPanel::addEvent);
        panel.setRuleApplier([&controller](const QStringList& rules) { return controller.setRules(rules); });

        panel.ruleEditor()->setPlainText(QStringLiteral("hum < 10\ntemp > hot"));
        panel.applyButton()->click();
        std::string parser_message;
        QVERIFY(!parseAlertRule("temp > hot", parser_message));
        QCOMPARE(panel.ruleMessage()->text(), QStringLiteral("rule 2: ") + QString::fromStdString(parser_message));
        QVERIFY(controller.config().alerts.empty()); // nothing changed

        panel.ruleEditor()->setPlainText(QStringLiteral("hum < 10 info\n\ntemp > 30"));
        panel.applyButton()->click();
        QCOMPARE(panel.ruleMessage()->text(), QStringLiteral("2 rule(s) in effect"));
        QCOMPARE(controller.config().alerts.size(), 2u);

        // The running engine takes the new rules at its next tick, without restarting: a stream of
        // low readings raises the new rule.
        test::LoopbackUdpSocket sender;
        for (int i = 0; i < 100 && panel.activeModel()->rowCount() == 0; ++i) {
            sender.sendTo(port, "hum:5");
            QTest::qWait(20);
        }
        QCOMPARE(panel.activeModel()->rowCount(), 1);
        QCOMPARE(cell(*panel.activeModel(), 0, ActiveAlertsModel::SeverityColumn), QStringLiteral("info"));
    }

    void activeAlertsAreOrderedBySeverityAndAcknowledgedOneByOne()
    {
        ActiveAlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyEvent(makeEvent("a", "a > 1 info", AlertSeverity::Info, AlertState::Raised, 0));
        model.applyEvent(makeEvent("b", "b > 1", AlertSeverity::Warning, AlertState::Raised, 1));
        model.applyEvent(makeEvent("c", "c > 1 critical", AlertSeverity::Critical, AlertState::Raised, 2));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, 0, ActiveAlertsModel::ChannelColumn), QStringLiteral("c"));
        QCOMPARE(cell(model, 1, ActiveAlertsModel::ChannelColumn), QStringLiteral("b"));
        QCOMPARE(cell(model, 2, ActiveAlertsModel::ChannelColumn), QStringLiteral("a"));
        model.acknowledge(1);
        QCOMPARE(model.unacknowledgedCount(), 2);
        model.applyEvent(makeEvent("c", "c > 1 critical", AlertSeverity::Critical, AlertState::Cleared, 2));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, ActiveAlertsModel::AcknowledgedColumn), QStringLiteral("yes"));

        AlertLogModel log(2);
        QAbstractItemModelTester log_tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (ChannelIndex i = 0; i < 3; ++i)
            log.append(makeEvent("x", "x > 1", AlertSeverity::Warning, AlertState::Raised, i));
        QCOMPARE(log.rowCount(), 2);
        QCOMPARE(log.dropped(), 1u);
    }
};

QTEST_MAIN(TestAlertsPanel)
#include "test_alerts_panel.moc"
