// The source dialog: values are checked as a session file's would be, the source is opened for real,
// and every error (a busy port, a bad address) is shown in the dialog, which stays open.
#include "tests/support/loopback_udp.h"
#include "widgets/session_controller.h"
#include "widgets/source_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace streamscope;
using namespace streamscope::widgets;

namespace {

struct DialogUnderTest {
    SessionController controller;
    SourceDialog dialog{[this](const SourceConfig& s) { return controller.addSource(s); },
                        [this](const QString& path) { return controller.load(path); }};

    void clickConnect()
    {
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }
};

} // namespace

class TestSourceDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aBusyPortIsReportedWithItsNumberAndTheDialogStaysOpen()
    {
        test::LoopbackUdpSocket holder; // another program has the port
        QVERIFY(holder.bound());
        DialogUnderTest t;
        t.dialog.show();
        t.dialog.setKind(SourceDialog::Udp);
        t.dialog.udpAddress()->setText(QStringLiteral("127.0.0.1"));
        t.dialog.udpPort()->setValue(holder.port());
        t.dialog.format()->setCurrentText(QStringLiteral("kv"));
        t.clickConnect();

        const QString error = t.dialog.errorLabel()->text();
        QVERIFY2(error.contains(QString::number(holder.port())), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("in use")), qPrintable(error));
        QVERIFY(t.dialog.isVisible());
        QCOMPARE(t.dialog.result(), 0);
        QVERIFY(!t.controller.connected());
        QVERIFY(t.controller.config().sources.empty());

        // The user picks a free port: the source opens and the dialog closes.
        const quint16 free_port = test::freeUdpPort();
        t.dialog.udpPort()->setValue(free_port);
        t.clickConnect();
        QCOMPARE(t.dialog.result(), int(QDialog::Accepted));
        QVERIFY(!t.dialog.isVisible());
        QVERIFY(t.controller.connected());
        QCOMPARE(t.controller.config().sources.size(), 1u);
        QCOMPARE(t.controller.config().sources[0].port, free_port);
        QCOMPARE(t.controller.config().sources[0].decoder.format, TextFormat::KeyValue);
    }

    void badValuesAreNamedAsASessionFileWouldName()
    {
        DialogUnderTest t;
        t.dialog.show();
        t.dialog.setKind(SourceDialog::Udp);
        t.dialog.multicastGroup()->setText(QStringLiteral("239.1.2.999"));
        t.clickConnect();
        QVERIFY2(t.dialog.errorLabel()->text().contains(QStringLiteral("address: expected an IPv4 or IPv6 address, got \"239.1.2.999\"")),
                 qPrintable(t.dialog.errorLabel()->text()));
        QVERIFY(t.dialog.isVisible());

        t.dialog.multicastGroup()->clear();
        t.dialog.format()->setCurrentText(QStringLiteral("binary"));
        t.dialog.frameLayout()->setText(QStringLiteral("sync=AA55 q16:x"));
        t.clickConnect();
        QVERIFY2(t.dialog.errorLabel()->text().startsWith(QStringLiteral("frame: ")), qPrintable(t.dialog.errorLabel()->text()));
        QVERIFY(t.dialog.errorLabel()->text().contains(QStringLiteral("q16")));

        t.dialog.setKind(SourceDialog::Serial);
        t.dialog.serialDevice()->setCurrentText(QStringLiteral("/dev/ttyS0"));
        t.dialog.baud()->setCurrentText(QStringLiteral("fast"));
        t.clickConnect();
        QVERIFY2(t.dialog.errorLabel()->text().contains(QStringLiteral("baud")) &&
                     t.dialog.errorLabel()->text().contains(QStringLiteral("fast")),
                 qPrintable(t.dialog.errorLabel()->text()));
        QVERIFY(!t.controller.connected());
    }

    void aMissingSessionFileIsNamed()
    {
        DialogUnderTest t;
        t.dialog.show();
        t.dialog.setKind(SourceDialog::SessionFile);
        t.dialog.sessionPath()->setText(QStringLiteral("/nonexistent/s.json"));
        t.clickConnect();
        QVERIFY2(t.dialog.errorLabel()->text().contains(QStringLiteral("cannot read /nonexistent/s.json")),
                 qPrintable(t.dialog.errorLabel()->text()));
        QVERIFY(t.dialog.isVisible());
    }
};

QTEST_MAIN(TestSourceDialog)
#include "test_source_dialog.moc"
