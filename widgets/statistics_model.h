#pragma once

#include "core/processing/processing_snapshot.h"

#include <QAbstractTableModel>

namespace streamscope::widgets {

// The rolling statistics of every channel over one of the processing stage's windows, one row per
// channel: channel, count, rate, last, min, max, mean, std. setSnapshot() (a few times a second)
// appends new channels and updates the values in place.
class StatisticsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ChannelColumn, CountColumn, RateColumn, LastColumn, MinColumn, MaxColumn, MeanColumn, StdColumn,
                  ColumnCount };
    // The unformatted number behind a cell, for sorting and tests.
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit StatisticsModel(QObject* parent = nullptr);

    void setSnapshot(ProcessingSnapshot snapshot);
    // Index into the snapshot's windows; out of range shows the whole session.
    void setWindow(int window);
    [[nodiscard]] int window() const { return window_; }
    [[nodiscard]] const std::vector<TimeNs>& windows() const { return snapshot_.windows; }
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] double value(const ChannelStatistics& channel, int column) const;

    ProcessingSnapshot snapshot_;
    int window_ = 0;
};

} // namespace streamscope::widgets
