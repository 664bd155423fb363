// The statistics dock: its table shows what the engine's processing stage computed, for the window
// chosen, over a real engine reading real UDP datagrams.
#include "tests/support/loopback_udp.h"
#include "tests/widgets/udp_session.h"
#include "widgets/statistics_model.h"
#include "widgets/statistics_panel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTest>

#include <cmath>

using namespace streamscope;
using namespace streamscope::widgets;

namespace {

QString cell(const StatisticsModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

double number(const StatisticsModel& model, int row, int column)
{
    return model.index(row, column).data(StatisticsModel::ValueRole).toDouble();
}

} // namespace

class TestStatisticsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTheStagesStatisticsForTheChosenWindow()
    {
        const quint16 port = test::freeUdpPort();
        std::string error;
        auto session = LiveSession::start(test::udpKeyValueSession(port), error);
        QVERIFY2(session, error.c_str());

        StatisticsPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setSource(&session->processing());
        panel.show();

        test::LoopbackUdpSocket sender;
        for (const char* line : {"temp:1", "temp:2", "temp:3,hum=40", "temp:6"})
            QVERIFY(sender.sendTo(port, line) > 0);
        QTRY_COMPARE(test::publishedCount(*session, "temp"), 4u);
        QTRY_COMPARE(panel.model()->rowCount(), 2); // the panel's own timer pulls the snapshot

        const StatisticsModel& model = *panel.model();
        panel.refresh();
        QCOMPARE(cell(model, 0, StatisticsModel::ChannelColumn), QStringLiteral("temp"));
        QCOMPARE(cell(model, 1, StatisticsModel::ChannelColumn), QStringLiteral("hum"));
        QCOMPARE(cell(model, 0, StatisticsModel::CountColumn), QStringLiteral("4"));
        QCOMPARE(cell(model, 0, StatisticsModel::LastColumn), QStringLiteral("6"));
        QCOMPARE(cell(model, 0, StatisticsModel::MinColumn), QStringLiteral("1"));
        QCOMPARE(cell(model, 0, StatisticsModel::MaxColumn), QStringLiteral("6"));
        QCOMPARE(cell(model, 0, StatisticsModel::MeanColumn), QStringLiteral("3"));
        QCOMPARE(number(model, 0, StatisticsModel::StdColumn), std::sqrt(3.5)); // population std of 1, 2, 3, 6
        QCOMPARE(cell(model, 1, StatisticsModel::LastColumn), QStringLiteral("40"));

        // Every value is the stage's own for the window chosen.
        const ProcessingSnapshot snapshot = session->processing().snapshot();
        QComboBox* chooser = panel.windowChooser();
        QCOMPARE(chooser->count(), 4); // the default 1 s, 10 s, 60 s and the whole session
        QCOMPARE(chooser->itemText(0), QStringLiteral("last 1s"));
        QCOMPARE(chooser->itemText(2), QStringLiteral("last 1m"));
        for (int choice = 0; choice < chooser->count(); ++choice) {
            chooser->setCurrentIndex(choice);
            const int window = chooser->currentData().toInt();
            QCOMPARE(model.window(), window);
            const ChannelStatistics& temp = snapshot.channels.at(0);
            const StatisticsSummary& expected = window >= 0 ? temp.windows.at(static_cast<std::size_t>(window)).summary
                                                            : temp.session;
            QCOMPARE(number(model, 0, StatisticsModel::CountColumn), static_cast<double>(expected.count));
            QCOMPARE(number(model, 0, StatisticsModel::MeanColumn), expected.mean);
            QCOMPARE(number(model, 0, StatisticsModel::StdColumn), expected.std);
            if (window >= 0)
                QCOMPARE(number(model, 0, StatisticsModel::RateColumn),
                         temp.windows.at(static_cast<std::size_t>(window)).rate_hz);
            else
                QVERIFY(std::isnan(number(model, 0, StatisticsModel::RateColumn)));
        }

        panel.setSource(nullptr); // the engine goes; the table keeps its last values
        session.reset();
        QCOMPARE(model.rowCount(), 2);
    }

    void aNewEngineReplacesTheRows()
    {
        StatisticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ProcessingSnapshot first;
        first.windows = {1'000'000'000};
        first.channels.resize(3);
        first.channels[2].info.name = "c";
        first.channels[2].windows.resize(1);
        first.channels[2].windows[0].summary.count = 7;
        for (auto& c : first.channels)
            c.windows.resize(1);
        model.setSnapshot(first);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, StatisticsModel::ChannelColumn).data().toString(), QStringLiteral("c"));

        ProcessingSnapshot second;
        second.windows = {1'000'000'000};
        second.channels.resize(1);
        second.channels[0].windows.resize(1);
        model.setSnapshot(second);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, StatisticsModel::CountColumn).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(0, StatisticsModel::MeanColumn).data().toString(), QStringLiteral("–"));
    }
};

QTEST_MAIN(TestStatisticsPanel)
#include "test_statistics_panel.moc"
