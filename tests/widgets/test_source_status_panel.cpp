// The status bar's stream section over a real engine: decode errors are counted where the user sees
// them, and a click opens every counter of every source with its last error message.
#include "tests/support/loopback_udp.h"
#include "tests/widgets/udp_session.h"
#include "widgets/source_status_panel.h"

#include <QLabel>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace streamscope;
using namespace streamscope::widgets;

class TestSourceStatusPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodeErrorsShowAndTheDetailsNameTheLastOne()
    {
        const quint16 port = test::freeUdpPort();
        std::string error;
        auto session = LiveSession::start(test::udpKeyValueSession(port), error);
        QVERIFY2(session, error.c_str());
        SourceStatusPanel panel;
        panel.setEngine(&session->engine());
        panel.show();
        QCOMPARE(panel.problemsButton()->text(), QStringLiteral("drops 0 · decode errors 0"));

        test::LoopbackUdpSocket sender;
        sender.sendTo(port, "temp:21.5");
        sender.sendTo(port, "temp:warm");
        QTRY_VERIFY(session->engine().sourceStatus().at(0).decode_errors == 1);
        panel.refresh();
        QCOMPARE(panel.problemsButton()->text(), QStringLiteral("drops 0 · decode errors 1"));
        QVERIFY(panel.rateLabel()->text().endsWith(QStringLiteral("samples/s")));

        QTest::mouseClick(panel.problemsButton(), Qt::LeftButton);
        auto* details = panel.findChild<SourceDetailsDialog*>();
        QVERIFY(details);
        QVERIFY(details->isVisible());
        const QTableWidget* table = details->table();
        QCOMPARE(table->rowCount(), 1);
        const auto column = [table](const char* name) {
            for (int c = 0; c < table->columnCount(); ++c)
                if (table->horizontalHeaderItem(c)->text() == QLatin1String(name))
                    return c;
            return -1;
        };
        QCOMPARE(table->item(0, column("Source"))->text(), QStringLiteral("udp:127.0.0.1:%1").arg(port));
        QCOMPARE(table->item(0, column("Datagrams"))->text(), QStringLiteral("2"));
        QCOMPARE(table->item(0, column("Samples"))->text(), QStringLiteral("1"));
        QCOMPARE(table->item(0, column("Decode errors"))->text(), QStringLiteral("1"));
        for (const char* counter : {"Over channel cap", "Rejected senders"}) {
            QVERIFY2(column(counter) >= 0, counter);
            QCOMPARE(table->item(0, column(counter))->text(), QStringLiteral("0"));
        }
        const QString last_error = table->item(0, column("Last error"))->text();
        QVERIFY2(last_error.contains(QStringLiteral("warm")), qPrintable(last_error));

        panel.setEngine(nullptr);
        QCOMPARE(panel.rateLabel()->text(), QStringLiteral("No source"));
        QCOMPARE(table->rowCount(), 0);
    }
};

QTEST_MAIN(TestSourceStatusPanel)
#include "test_source_status_panel.moc"
