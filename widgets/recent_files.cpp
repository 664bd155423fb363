#include "widgets/recent_files.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace streamscope::widgets {

RecentFiles::RecentFiles(QString key, QMenu* menu, int limit, QObject* parent)
    : QObject(parent), key_(std::move(key)), menu_(menu), limit_(limit)
{
    rebuildMenu();
}

QStringList RecentFiles::files() const { return QSettings().value(key_).toStringList(); }

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > limit_)
        list.removeLast();
    QSettings().setValue(key_, list);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    menu_->clear();
    int shown = 0;
    for (const QString& path : files()) {
        if (!QFileInfo::exists(path))
            continue;
        ++shown;
        QAction* action = menu_->addAction(QStringLiteral("&%1  %2").arg(shown).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT chosen(path); });
    }
    menu_->setEnabled(shown > 0);
}

} // namespace streamscope::widgets
