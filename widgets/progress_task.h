#pragma once

#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>

#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>

namespace streamscope::widgets {

// How work reports how far it is, from its own thread: `done` out of `total` (any unit).
using ProgressReport = std::function<void(std::uint64_t done, std::uint64_t total)>;

// The app's pattern for long work (closing a large archive, building an archive's overview, ...): `work`
// runs on a worker thread while the GUI thread keeps painting and a modal dialog with `label` appears if
// it takes more than a moment. Work that takes a ProgressReport argument fills the dialog's bar through
// it; other work shows a busy bar. Returns work's result. `work` must not touch widgets.
template<typename Work>
auto runWithProgress(QWidget* parent, const QString& label, Work work)
{
    constexpr bool reports = std::is_invocable_v<Work, const ProgressReport&>;
    using Result = decltype([&] {
        if constexpr (reports)
            return work(ProgressReport{});
        else
            return work();
    }());
    std::optional<Result> result;
    QProgressDialog dialog(label, QString(), 0, 0, parent); // no cancel button: the work cannot stop halfway
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    constexpr int kSteps = 1000;
    // Reports cross to the GUI thread as queued calls, dropped once the dialog is gone.
    const ProgressReport report = [&dialog](std::uint64_t done, std::uint64_t total) {
        const int step = total == 0 ? 0 : static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * kSteps);
        QMetaObject::invokeMethod(&dialog, [&dialog, step] {
            dialog.setMaximum(kSteps);
            dialog.setValue(step);
        }, Qt::QueuedConnection);
    };
    QEventLoop loop;
    QThread* thread = QThread::create([&] {
        if constexpr (reports)
            result = work(report);
        else
            result = work();
    });
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    thread->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    thread->wait();
    delete thread;
    return std::move(*result);
}

} // namespace streamscope::widgets
