#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace streamscope::widgets {

// The most recently used files of one kind, kept in QSettings under `key`, newest first, and shown as a
// menu whose entries emit chosen(). Files that no longer exist are left out of the menu.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    RecentFiles(QString key, QMenu* menu, int limit = 8, QObject* parent = nullptr);

    void add(const QString& path);
    [[nodiscard]] QStringList files() const;

Q_SIGNALS:
    void chosen(const QString& path);

private:
    void rebuildMenu();

    QString key_;
    QMenu* menu_;
    int limit_;
};

} // namespace streamscope::widgets
