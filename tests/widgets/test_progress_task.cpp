// runWithProgress, the app's pattern for long work: the work runs off the GUI thread, the GUI thread
// keeps handling events meanwhile, and the work's result comes back.
#include "widgets/progress_task.h"

#include <QTest>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace streamscope::widgets;

class TestProgressTask : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theWorkRunsOffTheGuiThreadWhileTheGuiKeepsRunning()
    {
        QWidget window;
        window.show();
        int timer_ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] { ++timer_ticks; });
        timer.start(10);
        const std::thread::id gui_thread = std::this_thread::get_id();
        std::thread::id work_thread;
        const int result = runWithProgress(&window, QStringLiteral("Working…"), [&] {
            work_thread = std::this_thread::get_id();
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            return 42;
        });
        QCOMPARE(result, 42);
        QVERIFY(work_thread != gui_thread);
        QVERIFY2(timer_ticks >= 5, qPrintable(QString::number(timer_ticks))); // the GUI thread was not blocked
    }

    void workThatReportsProgressFillsTheDialogsBar()
    {
        QWidget window;
        window.show();
        int seen_value = -1;
        int seen_maximum = -1;
        QTimer poll;
        connect(&poll, &QTimer::timeout, [&] {
            if (auto* dialog = window.findChild<QProgressDialog*>()) {
                seen_value = std::max(seen_value, dialog->value());
                seen_maximum = dialog->maximum();
            }
        });
        poll.start(10);
        const QString result = runWithProgress(&window, QStringLiteral("Building…"), [](const ProgressReport& report) {
            report(25, 100);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            report(3, 4); // any unit: the bar shows the fraction
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return QStringLiteral("built");
        });
        QCOMPARE(result, QStringLiteral("built"));
        QCOMPARE(seen_maximum, 1000);
        QCOMPARE(seen_value, 750);
    }
};

QTEST_MAIN(TestProgressTask)
#include "test_progress_task.moc"
