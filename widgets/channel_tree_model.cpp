#include "widgets/channel_tree_model.h"

#include "widgets/channel_colour.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace streamscope::widgets {

ChannelTreeModel::ChannelTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void ChannelTreeModel::setStore(const ChannelStore* store)
{
    setSnapshotSource(store != nullptr ? SnapshotSource([store] { return store->snapshot(); }) : SnapshotSource());
}

void ChannelTreeModel::setSnapshotSource(SnapshotSource source)
{
    beginResetModel();
    snapshot_ = std::move(source);
    sources_.clear();
    known_channels_ = 0;
    endResetModel();
    refresh();
}

void ChannelTreeModel::refresh()
{
    if (!snapshot_)
        return;
    const auto now = std::chrono::steady_clock::now();

    const std::vector<ChannelSnapshot> snapshot = snapshot_();
    for (std::size_t i = known_channels_; i < snapshot.size(); ++i) {
        const ChannelSnapshot& c = snapshot[i];
        const QString source = QString::fromStdString(c.info.source);
        auto it = std::find_if(sources_.begin(), sources_.end(), [&](const SourceRow& s) { return s.name == source; });
        if (it == sources_.end()) {
            const int row = static_cast<int>(sources_.size());
            beginInsertRows({}, row, row);
            sources_.push_back({source, {}});
            endInsertRows();
            it = sources_.end() - 1;
        }
        const int source_row = static_cast<int>(it - sources_.begin());
        const int row = static_cast<int>(it->channels.size());
        beginInsertRows(index(source_row, 0), row, row);
        const bool checked = static_cast<int>(i) < auto_check_limit_;
        const std::string& label = c.info.display_name.empty() ? c.info.name : c.info.display_name;
        it->channels.push_back({c.index, QString::fromStdString(c.info.name), QString::fromStdString(label),
                                QString::fromStdString(c.info.unit),
                                c.totals.last, 0.0, c.totals.count, checked, c.totals.count, now});
        endInsertRows();
        if (checked)
            Q_EMIT channelCheckedChanged(c.index, true);
    }
    known_channels_ = snapshot.size();

    for (std::size_t s = 0; s < sources_.size(); ++s) {
        auto& channels = sources_[s].channels;
        for (ChannelRow& row : channels) {
            const ChannelTotals& totals = snapshot[row.channel].totals;
            const double elapsed = std::chrono::duration<double>(now - row.rate_base_time).count();
            if (elapsed >= 1.0) {
                row.rate_hz = static_cast<double>(totals.count - row.rate_base_count) / elapsed;
                row.rate_base_count = totals.count;
                row.rate_base_time = now;
            }
            row.count = totals.count;
            row.value = totals.last;
        }
        if (!channels.empty()) {
            const QModelIndex parent_index = index(static_cast<int>(s), 0);
            Q_EMIT dataChanged(index(0, ValueColumn, parent_index),
                               index(static_cast<int>(channels.size()) - 1, CountColumn, parent_index));
        }
    }
}

bool ChannelTreeModel::isChannelChecked(ChannelIndex channel) const
{
    for (const SourceRow& source : sources_)
        for (const ChannelRow& row : source.channels)
            if (row.channel == channel)
                return row.checked;
    return false;
}

void ChannelTreeModel::setChannelChecked(ChannelIndex channel, bool checked)
{
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        auto& channels = sources_[s].channels;
        for (std::size_t r = 0; r < channels.size(); ++r) {
            if (channels[r].channel != channel || channels[r].checked == checked)
                continue;
            channels[r].checked = checked;
            const QModelIndex changed = index(static_cast<int>(r), NameColumn, index(static_cast<int>(s), 0));
            Q_EMIT dataChanged(changed, changed, {Qt::CheckStateRole});
            Q_EMIT channelCheckedChanged(channel, checked);
        }
    }
}

QModelIndex ChannelTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < static_cast<int>(sources_.size()) ? createIndex(row, column, kSourceId) : QModelIndex{};
    if (parent.internalId() != kSourceId || parent.column() != 0)
        return {};
    const auto& channels = sources_[static_cast<std::size_t>(parent.row())].channels;
    return row < static_cast<int>(channels.size()) ? createIndex(row, column, static_cast<quintptr>(parent.row()) + 1)
                                                   : QModelIndex{};
}

QModelIndex ChannelTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kSourceId)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kSourceId);
}

int ChannelTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(sources_.size());
    if (parent.internalId() == kSourceId && parent.column() == 0)
        return static_cast<int>(sources_[static_cast<std::size_t>(parent.row())].channels.size());
    return 0;
}

int ChannelTreeModel::columnCount(const QModelIndex& /*parent*/) const { return ColumnCount; }

const ChannelTreeModel::ChannelRow* ChannelTreeModel::channelRow(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kSourceId)
        return nullptr;
    return &sources_[index.internalId() - 1].channels[static_cast<std::size_t>(index.row())];
}

QVariant ChannelTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const ChannelRow* row = channelRow(index);
    if (row == nullptr) // a source row
        return role == Qt::DisplayRole && index.column() == NameColumn
            ? QVariant(sources_[static_cast<std::size_t>(index.row())].name)
            : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return row->label;
        case ValueColumn: // nothing yet (an archive's channel before its replay reaches it), or the last value
            return row->count == 0       ? QString()
                : std::isnan(row->value) ? QStringLiteral("NaN")
                                         : QString::number(row->value, 'g', 7);
        case UnitColumn: return row->unit;
        case RateColumn: return QString::number(row->rate_hz, 'f', 1);
        case CountColumn: return QString::number(row->count);
        default: return {};
        }
    case Qt::ToolTipRole: // a display name hides the name that rules, exports and globs use
        return index.column() == NameColumn && row->label != row->name ? QVariant(row->name) : QVariant();
    case Qt::CheckStateRole:
        return index.column() == NameColumn ? QVariant(row->checked ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QVariant(channelColour(row->channel)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == ValueColumn || index.column() == RateColumn || index.column() == CountColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case ChannelIndexRole: return QVariant::fromValue(row->channel);
    default: return {};
    }
}

bool ChannelTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const ChannelRow* row = channelRow(index);
    if (row == nullptr || role != Qt::CheckStateRole || index.column() != NameColumn)
        return false;
    setChannelChecked(row->channel, value.value<Qt::CheckState>() == Qt::Checked);
    return true;
}

Qt::ItemFlags ChannelTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (channelRow(index) != nullptr) {
        flags |= Qt::ItemIsDragEnabled;
        if (index.column() == NameColumn)
            flags |= Qt::ItemIsUserCheckable;
    }
    return flags;
}

QVariant ChannelTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const std::array<const char*, ColumnCount> kHeaders = {"Channel", "Value", "Unit", "Rate (Hz)", "Count"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(kHeaders[static_cast<std::size_t>(section)])
                                                 : QVariant();
}

QStringList ChannelTreeModel::mimeTypes() const { return {QString::fromLatin1(kChannelMimeType)}; }

QMimeData* ChannelTreeModel::mimeData(const QModelIndexList& indexes) const
{
    // [{"channel": 3, "name": "temp"}, ...], each channel once whatever columns of its row were selected.
    QJsonArray channels;
    QStringList names;
    std::set<ChannelIndex> seen;
    for (const QModelIndex& index : indexes) {
        const ChannelRow* row = channelRow(index);
        if (row == nullptr || !seen.insert(row->channel).second)
            continue;
        channels.append(QJsonObject{{QStringLiteral("channel"), static_cast<qint64>(row->channel)},
                                    {QStringLiteral("name"), row->name}});
        names << row->name;
    }
    if (channels.isEmpty())
        return nullptr;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kChannelMimeType), QJsonDocument(channels).toJson(QJsonDocument::Compact));
    mime->setText(names.join(QLatin1Char('\n'))); // dropping on a text editor gives the names
    return mime;
}

std::vector<ChannelIndex> ChannelTreeModel::channelsFromMimeData(const QMimeData* mime)
{
    std::vector<ChannelIndex> channels;
    if (mime == nullptr)
        return channels;
    const QJsonDocument document = QJsonDocument::fromJson(mime->data(QString::fromLatin1(kChannelMimeType)));
    for (const QJsonValue& entry : document.array()) {
        const qint64 channel = entry[QStringLiteral("channel")].toInteger(-1);
        if (channel >= 0 && channel <= std::numeric_limits<ChannelIndex>::max())
            channels.push_back(static_cast<ChannelIndex>(channel));
    }
    return channels;
}

} // namespace streamscope::widgets
