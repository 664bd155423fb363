#pragma once

#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>

#include <optional>

namespace streamscope::widgets {

// The app's pattern for long work (closing a large archive, ...): `work` runs on a worker thread while
// the GUI thread keeps painting and a modal busy dialog with `label` appears if it takes more than a
// moment. Returns work's result. `work` must not touch widgets.
template<typename Work>
auto runWithProgress(QWidget* parent, const QString& label, Work work) -> decltype(work())
{
    std::optional<decltype(work())> result;
    QProgressDialog dialog(label, QString(), 0, 0, parent); // no cancel button: the work cannot stop halfway
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    QEventLoop loop;
    QThread* thread = QThread::create([&] { result = work(); });
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    thread->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    thread->wait();
    delete thread;
    return std::move(*result);
}

} // namespace streamscope::widgets
