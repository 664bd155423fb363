// Session save and load in the desktop app: the same file format as `--session`, and a round trip
// restores the sources, the alert rules, the windows and the "gui" section's layout.
#include "core/session/session_loader.h"
#include "tests/support/loopback_udp.h"
#include "tests/widgets/udp_session.h"
#include "widgets/channel_tree_model.h"
#include "widgets/live_session.h"
#include "widgets/session_controller.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace streamscope;
using namespace streamscope::widgets;

class TestSessionController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveThenLoadRestoresSourcesRulesAndTheGuiSection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bench.json"));
        const quint16 port = test::freeUdpPort();
        const QJsonObject layout{{QStringLiteral("plots"),
                                  QJsonArray{QJsonObject{{QStringLiteral("channels"), QJsonArray{QStringLiteral("temp")}}}}}};
        {
            SessionController saved;
            saved.setLayoutHooks([&] { return layout; }, nullptr);
            QVERIFY(!saved.addSource(test::udpKeyValueSource(port)));
            QVERIFY(!saved.setRules({QStringLiteral("temp > 30 clear < 28 critical"), QStringLiteral("hb stale 1s")}));
            const auto failure = saved.save(path);
            QVERIFY2(!failure, failure ? failure->c_str() : "");
            QCOMPARE(saved.path(), path);
        } // its engine lets go of the port

        // The same file the command line reads.
        const SessionLoadResult cli = loadSessionFile(path.toStdString());
        QVERIFY(cli.config);
        QCOMPARE(cli.config->alerts.size(), 2u);

        SessionController loaded;
        QJsonObject restored;
        loaded.setLayoutHooks(nullptr, [&](const QJsonObject& json, QString*) {
            restored = json;
            return true;
        });
        const auto failure = loaded.load(path);
        QVERIFY2(!failure, failure ? failure->c_str() : "");
        QVERIFY(loaded.connected());
        const SessionConfig& config = loaded.config();
        QCOMPARE(config.sources.size(), 1u);
        QCOMPARE(config.sources[0].type, SourceType::Udp);
        QCOMPARE(config.sources[0].address, std::string("127.0.0.1"));
        QCOMPARE(config.sources[0].port, port);
        QCOMPARE(config.sources[0].decoder.format, TextFormat::KeyValue);
        QCOMPARE(config.alerts.size(), 2u);
        QCOMPARE(config.alerts[0].text, std::string("temp > 30 clear < 28 critical"));
        QCOMPARE(config.alerts[1].text, std::string("hb stale 1s"));
        QCOMPARE(restored, layout);
        QCOMPARE(loaded.live()->processing().options().rules.size(), 2u);

        // A session's engine really listens where the file says.
        QVERIFY(test::udpPortTaken(port));
    }

    void channelMetadataOfALoadedSessionReachesTheEngineAndTheChannelTree()
    {
        const quint16 port = test::freeUdpPort();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("meta.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(R"({"version": 1, "sources": [{"type": "udp", "address": "127.0.0.1", "port": %1,
            "format": "kv"}], "channels": [{"name": "p", "display_name": "Pressure", "unit": "kPa",
            "scale": 0.001, "offset": 1}]})").arg(port).toUtf8());
        file.close();
        SessionController controller;
        const auto failure = controller.load(path);
        QVERIFY2(!failure, failure ? failure->c_str() : "");
        ChannelTreeModel tree;
        tree.setStore(&controller.live()->engine().store());
        const test::LoopbackUdpSocket sender;
        QTRY_VERIFY_WITH_TIMEOUT((sender.sendTo(port, "p:2000\n"), tree.refresh(), tree.rowCount() == 1), 5000);
        const QModelIndex source = tree.index(0, 0);
        QTRY_COMPARE_WITH_TIMEOUT((tree.refresh(), tree.rowCount(source)), 1, 5000);
        const QModelIndex name = tree.index(0, ChannelTreeModel::NameColumn, source);
        QCOMPARE(name.data().toString(), QStringLiteral("Pressure"));
        QCOMPARE(name.data(Qt::ToolTipRole).toString(), QStringLiteral("p"));
        QCOMPARE(tree.index(0, ChannelTreeModel::UnitColumn, source).data().toString(), QStringLiteral("kPa"));
        QCOMPARE(tree.index(0, ChannelTreeModel::ValueColumn, source).data().toString(), QStringLiteral("3"));
    }

    void aLayoutThePlotAreaRejectsIsReportedWithItsMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "sources": [{"type": "demo"}], "gui": {"layout": {"plots": 3}}})");
        file.close();
        SessionController controller;
        controller.setLayoutHooks(nullptr, [](const QJsonObject&, QString* error) {
            *error = QStringLiteral("plots: expected an array, got 3");
            return false;
        });
        const auto failure = controller.load(path);
        QVERIFY(failure);
        QCOMPARE(QString::fromStdString(*failure), path + QStringLiteral(": gui.layout: plots: expected an array, got 3"));
        QVERIFY(!controller.connected());
    }

    void everyProblemOfABadFileIsListedAndTheRunningSessionStays()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"sources": [{"type": "udp", "port": "90o0"}], "alerts": ["temp > hot"]})");
        file.close();
        SessionController controller;
        QVERIFY(!controller.startDemo());
        const auto failure = controller.load(path);
        QVERIFY(failure);
        QVERIFY2(failure->find("sources[0].port") != std::string::npos, failure->c_str());
        QVERIFY2(failure->find("alerts[0]") != std::string::npos, failure->c_str());
        QVERIFY(controller.connected());
        QCOMPARE(controller.config().sources[0].type, SourceType::Demo);
    }

    void aSourceThatCannotOpenKeepsThePreviousSessionRunning()
    {
        test::LoopbackUdpSocket holder;
        SessionController controller;
        QVERIFY(!controller.startDemo());
        const auto failure = controller.addSource(test::udpKeyValueSource(holder.port()));
        QVERIFY(failure);
        QVERIFY2(failure->find(std::to_string(holder.port())) != std::string::npos, failure->c_str());
        QVERIFY(controller.connected());
        QCOMPARE(controller.config().sources.size(), 1u);
    }
};

QTEST_MAIN(TestSessionController)
#include "test_session_controller.moc"
