#include "widgets/statistics_model.h"

#include <QLocale>

#include <cmath>

namespace streamscope::widgets {

StatisticsModel::StatisticsModel(QObject* parent) : QAbstractTableModel(parent) {}

void StatisticsModel::setSnapshot(ProcessingSnapshot snapshot)
{
    const auto old_rows = static_cast<int>(snapshot_.channels.size());
    const auto new_rows = static_cast<int>(snapshot.channels.size());
    if (new_rows < old_rows || snapshot.windows != snapshot_.windows) { // another engine
        beginResetModel();
        snapshot_ = std::move(snapshot);
        endResetModel();
        return;
    }
    if (new_rows > old_rows) {
        beginInsertRows({}, old_rows, new_rows - 1);
        snapshot_ = std::move(snapshot);
        endInsertRows();
    } else {
        snapshot_ = std::move(snapshot);
    }
    if (old_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(old_rows - 1, ColumnCount - 1));
}

void StatisticsModel::setWindow(int window)
{
    if (window == window_)
        return;
    window_ = window;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, CountColumn), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole, ValueRole});
}

void StatisticsModel::clear()
{
    beginResetModel();
    snapshot_ = {};
    endResetModel();
}

int StatisticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(snapshot_.channels.size());
}

int StatisticsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

double StatisticsModel::value(const ChannelStatistics& channel, int column) const
{
    const bool in_window = window_ >= 0 && static_cast<std::size_t>(window_) < channel.windows.size();
    const StatisticsSummary& summary = in_window ? channel.windows[static_cast<std::size_t>(window_)].summary
                                                 : channel.session;
    switch (column) {
    case CountColumn: return static_cast<double>(summary.count);
    case RateColumn: return in_window ? channel.windows[static_cast<std::size_t>(window_)].rate_hz : std::nan("");
    case LastColumn: return channel.last;
    case MinColumn: return summary.min;
    case MaxColumn: return summary.max;
    case MeanColumn: return summary.mean;
    case StdColumn: return summary.std;
    default: return std::nan("");
    }
}

QVariant StatisticsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ChannelStatistics& channel = snapshot_.channels[static_cast<std::size_t>(index.row())];
    if (index.column() == ChannelColumn) {
        if (role == Qt::DisplayRole || role == ValueRole)
            return QString::fromStdString(channel.info.name);
        if (role == Qt::ToolTipRole)
            return QString::fromStdString(channel.info.source + "/" + channel.info.name);
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    const double number = value(channel, index.column());
    if (role == ValueRole)
        return number;
    if (role != Qt::DisplayRole)
        return {};
    if (std::isnan(number))
        return QStringLiteral("–");
    if (index.column() == CountColumn)
        return QLocale().toString(static_cast<qulonglong>(number));
    if (index.column() == RateColumn)
        return QString::number(number, 'f', 1);
    return QString::number(number, 'g', 6);
}

QVariant StatisticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const kNames[ColumnCount] = {"Channel", "Count", "Rate (/s)", "Last", "Min", "Max", "Mean", "Std"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(kNames[section]) : QVariant();
}

} // namespace streamscope::widgets
