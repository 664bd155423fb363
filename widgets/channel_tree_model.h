#pragma once

#include "core/pipeline/channel_store.h"

#include <QAbstractItemModel>
#include <QColor>

class QMimeData;

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace streamscope::widgets {

// The channels of a ChannelStore (or of any other snapshot source, such as an open archive) as a tree,
// source -> channel, with each channel's live value, unit, rate and count, its plot colour, and a check
// box that says whether it is plotted. refresh() (called by the GUI a few times a second, never per
// sample) appends new rows and updates the live columns.
// Channel rows can be dragged onto a plot: the payload is kChannelMimeType, JSON naming the channels.
class ChannelTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, UnitColumn, RateColumn, CountColumn, ColumnCount };
    enum Role { ChannelIndexRole = Qt::UserRole + 1 };
    static constexpr auto kChannelMimeType = "application/x-streamscope-channels";

    // The channels in a drag payload made by mimeData(); empty when it holds none.
    [[nodiscard]] static std::vector<ChannelIndex> channelsFromMimeData(const QMimeData* mime);

    explicit ChannelTreeModel(QObject* parent = nullptr);

    // Where the channels come from: every channel so far, in index order, with its totals.
    using SnapshotSource = std::function<std::vector<ChannelSnapshot>()>;

    void setStore(const ChannelStore* store);
    // Any source of snapshots; an empty function shows no channels.
    void setSnapshotSource(SnapshotSource source);
    // Pulls new channels and current values from the store.
    void refresh();

    [[nodiscard]] bool isChannelChecked(ChannelIndex channel) const;
    void setChannelChecked(ChannelIndex channel, bool checked);
    // Channels beyond this many are added unchecked, so that a flood of channels does not flood the plots.
    void setAutoCheckLimit(int limit) { auto_check_limit_ = limit; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

Q_SIGNALS:
    void channelCheckedChanged(streamscope::ChannelIndex channel, bool checked);

private:
    struct ChannelRow {
        ChannelIndex channel = 0;
        QString name;
        QString label; // the session's display name, or the name
        QString unit;
        double value = 0.0;
        double rate_hz = 0.0;
        std::uint64_t count = 0;
        bool checked = false;
        // The rate is measured over at least a second, so that a 2 Hz heartbeat does not read 0 or 8.
        std::uint64_t rate_base_count = 0;
        std::chrono::steady_clock::time_point rate_base_time;
    };
    struct SourceRow {
        QString name;
        std::vector<ChannelRow> channels;
    };
    // Internal ids: 0 for a source row; channel rows carry their source's position + 1.
    static constexpr quintptr kSourceId = 0;

    const ChannelRow* channelRow(const QModelIndex& index) const;

    SnapshotSource snapshot_;
    std::vector<SourceRow> sources_;
    std::size_t known_channels_ = 0;
    int auto_check_limit_ = 16;
};

} // namespace streamscope::widgets
