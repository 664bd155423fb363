#pragma once

#include "core/processing/alert_event.h"

#include <QAbstractTableModel>
#include <QColor>

#include <deque>
#include <vector>

namespace streamscope::widgets {

// The colour that marks an alert of this severity (rows of the alerts dock, the status bar).
[[nodiscard]] QColor severityColour(AlertSeverity severity);

// The alerts raised now, one row per rule and channel, most severe first in insertion order, with
// whether the user has acknowledged each. A raised event adds a row, a cleared one removes it.
class ActiveAlertsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, ChannelColumn, ValueColumn, SinceColumn, AcknowledgedColumn, RuleColumn,
                  ColumnCount };

    explicit ActiveAlertsModel(QObject* parent = nullptr);

    void applyEvent(const AlertEvent& event);
    void acknowledge(int row);
    void acknowledgeAll();
    void clear();
    [[nodiscard]] int unacknowledgedCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        AlertEvent raised;
        bool acknowledged = false;
    };
    std::vector<Row> rows_;
};

// Every alert event, newest last, up to a limit (the oldest go first; the count of those dropped is kept).
class AlertLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, StateColumn, SeverityColumn, ChannelColumn, ValueColumn, RuleColumn, ColumnCount };

    explicit AlertLogModel(std::size_t limit = 10'000, QObject* parent = nullptr);

    void append(const AlertEvent& event);
    void clear();
    [[nodiscard]] std::uint64_t dropped() const { return dropped_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::size_t limit_;
    std::deque<AlertEvent> events_;
    std::uint64_t dropped_ = 0;
};

// "10:02:11.250" (UTC) for an event time in nanoseconds since the epoch.
[[nodiscard]] QString formatEventTime(TimeNs time_ns);

} // namespace streamscope::widgets
