#include "widgets/alert_models.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace streamscope::widgets {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }
QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QVariant header(int section, const std::initializer_list<const char*>& names)
{
    if (section < 0 || section >= static_cast<int>(names.size()))
        return {};
    return QString::fromLatin1(*(names.begin() + section));
}

} // namespace

QColor severityColour(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Critical: return QColor(0xd3, 0x2f, 0x2f);
    case AlertSeverity::Warning: return QColor(0xf5, 0x9e, 0x0b);
    case AlertSeverity::Info: return QColor(0x3b, 0x82, 0xf6);
    }
    return QColor(0xf5, 0x9e, 0x0b);
}

QString formatEventTime(TimeNs time_ns)
{
    return QDateTime::fromMSecsSinceEpoch(time_ns / 1'000'000, Qt::UTC).toString(QStringLiteral("HH:mm:ss.zzz"));
}

ActiveAlertsModel::ActiveAlertsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ActiveAlertsModel::applyEvent(const AlertEvent& event)
{
    const auto same = std::find_if(rows_.begin(), rows_.end(), [&](const Row& row) {
        return row.raised.channel == event.channel && row.raised.rule == event.rule
            && row.raised.source == event.source;
    });
    if (event.state == AlertState::Cleared) {
        if (same == rows_.end())
            return;
        const auto row = static_cast<int>(same - rows_.begin());
        beginRemoveRows({}, row, row);
        rows_.erase(same);
        endRemoveRows();
        return;
    }
    if (same != rows_.end()) { // raised again without a clear in between: the newer event wins
        same->raised = event;
        same->acknowledged = false;
        const auto row = static_cast<int>(same - rows_.begin());
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Most severe first; within a severity, in the order raised.
    const auto position = std::find_if(rows_.begin(), rows_.end(), [&](const Row& row) {
        return static_cast<int>(row.raised.severity) < static_cast<int>(event.severity);
    });
    const auto row = static_cast<int>(position - rows_.begin());
    beginInsertRows({}, row, row);
    rows_.insert(position, Row{event, false});
    endInsertRows();
}

void ActiveAlertsModel::acknowledge(int row)
{
    if (row < 0 || row >= rowCount() || rows_[static_cast<std::size_t>(row)].acknowledged)
        return;
    rows_[static_cast<std::size_t>(row)].acknowledged = true;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ActiveAlertsModel::acknowledgeAll()
{
    for (int row = 0; row < rowCount(); ++row)
        acknowledge(row);
}

void ActiveAlertsModel::clear()
{
    beginResetModel();
    rows_.clear();
    endResetModel();
}

int ActiveAlertsModel::unacknowledgedCount() const
{
    return static_cast<int>(std::count_if(rows_.begin(), rows_.end(), [](const Row& r) { return !r.acknowledged; }));
}

int ActiveAlertsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ActiveAlertsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ActiveAlertsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const AlertEvent& event = row.raised;
    if (role == Qt::BackgroundRole) {
        QColor colour = severityColour(event.severity);
        colour.setAlpha(row.acknowledged ? 50 : 150); // acknowledged alerts stay, but quieter
        return colour;
    }
    if (role == Qt::FontRole) {
        QFont font;
        font.setBold(!row.acknowledged);
        return font;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn: return text(severityName(event.severity));
    case ChannelColumn: return text(event.channel_name);
    case RuleColumn: return text(event.rule);
    case ValueColumn: return QString::number(event.value, 'g', 6);
    case SinceColumn: return formatEventTime(event.time_ns);
    case AcknowledgedColumn: return row.acknowledged ? QStringLiteral("yes") : QStringLiteral("no");
    default: return {};
    }
}

QVariant ActiveAlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return header(section, {"Severity", "Channel", "Value", "Since (UTC)", "Acknowledged", "Rule"});
}

AlertLogModel::AlertLogModel(std::size_t limit, QObject* parent) : QAbstractTableModel(parent), limit_(limit) {}

void AlertLogModel::append(const AlertEvent& event)
{
    if (events_.size() >= limit_) {
        beginRemoveRows({}, 0, 0);
        events_.pop_front();
        ++dropped_;
        endRemoveRows();
    }
    const auto row = static_cast<int>(events_.size());
    beginInsertRows({}, row, row);
    events_.push_back(event);
    endInsertRows();
}

void AlertLogModel::clear()
{
    beginResetModel();
    events_.clear();
    endResetModel();
}

int AlertLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(events_.size());
}

int AlertLogModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AlertLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const AlertEvent& event = events_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return severityColour(event.severity);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn: return formatEventTime(event.time_ns);
    case StateColumn: return text(alertStateName(event.state));
    case SeverityColumn: return text(severityName(event.severity));
    case ChannelColumn: return text(event.channel_name);
    case RuleColumn: return text(event.rule);
    case ValueColumn: return QString::number(event.value, 'g', 6);
    default: return {};
    }
}

QVariant AlertLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return header(section, {"Time (UTC)", "State", "Severity", "Channel", "Value", "Rule"});
}

} // namespace streamscope::widgets
