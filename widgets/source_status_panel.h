#pragma once

#include "core/engine.h"

#include <QDialog>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;
class QToolButton;

namespace streamscope::widgets {

// Every counter of every source, and each source's last error message; refreshed while open.
class SourceDetailsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SourceDetailsDialog(QWidget* parent = nullptr);
    void setEngine(const Engine* engine); // not owned
    void refresh();
    [[nodiscard]] QTableWidget* table() const { return table_; }

private:
    const Engine* engine_ = nullptr;
    QTableWidget* table_ = nullptr;
    QTimer timer_;
};

// The status bar's stream section: samples per second, and drops and decode errors summed over the
// sources, which opens the per-source details when clicked. Refreshed once a second.
class SourceStatusPanel : public QWidget {
    Q_OBJECT
public:
    explicit SourceStatusPanel(QWidget* parent = nullptr);
    void setEngine(const Engine* engine); // not owned; nullptr before it goes
    void refresh();
    void showDetails();

    [[nodiscard]] QLabel* rateLabel() const { return rate_; }
    [[nodiscard]] QToolButton* problemsButton() const { return problems_; }

private:
    const Engine* engine_ = nullptr;
    QLabel* rate_ = nullptr;
    QToolButton* problems_ = nullptr;
    SourceDetailsDialog* details_ = nullptr;
    QTimer timer_;
    std::uint64_t last_samples_ = 0;
    qint64 last_time_ms_ = 0;
};

} // namespace streamscope::widgets
