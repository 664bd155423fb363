#pragma once

#include "widgets/plot_series_set.h"

#include <QJsonObject>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

class QCPPainter;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QSplitter;
class QToolButton;

namespace streamscope::widgets {

class PlotView;

// The plots of the main window: any number of PlotViews in nested splitters (add, remove, split side
// by side or top and bottom), several channels per plot, all on one shared time axis. The view follows
// the newest data over a window of 1 s to 1 h, or stays where the user put it: pausing, dragging,
// zooming (wheel) or exporting a frozen view stops following; double-click or Home returns to it. Data
// keeps arriving while the view stands still. A cursor under the mouse reads out every channel's value
// at its time. A frame timer pulls only new points from the store at up to 60 Hz and each plot hands
// QCustomPlot the M4 aggregate of its pixel columns.
//
// Until the user arranges plots (adds, splits, removes, drops or restores a layout), shown channels are
// arranged by group, one plot per name prefix ("vibration.x" and "vibration.y" share one), so that a
// pressure in the thousands does not flatten a vibration around zero. After that, a channel that is
// shown goes on the current plot.
class PlotArea : public QWidget {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kMinWindow{1'000};
    static constexpr std::chrono::milliseconds kMaxWindow{3'600'000};

    explicit PlotArea(QWidget* parent = nullptr);
    ~PlotArea() override;

    // What the plots draw: a live store, or an archive (queried per view). Each replaces the other.
    void setStore(const ChannelStore* store);
    void setArchive(const PlotArchive* archive);

    // Plots. There is always at least one; the current one receives channels checked in the tree.
    PlotView* addPlot();
    PlotView* splitPlot(PlotView* plot, Qt::Orientation orientation);
    void removePlot(PlotView* plot);
    [[nodiscard]] std::vector<PlotView*> plots() const;
    [[nodiscard]] PlotView* currentPlot() const { return current_; }
    void setCurrentPlot(PlotView* plot);

    // Channel check boxes: shown puts the channel on the current plot (unless it is on a plot already,
    // or a restored layout has a place for it); hidden takes it off every plot.
    void setChannelVisible(ChannelIndex channel, bool visible);
    [[nodiscard]] bool isChannelVisible(ChannelIndex channel) const;
    // Until told otherwise every new channel goes on the current plot; a channel list that decides
    // with its check boxes switches that off.
    void setDefaultVisible(bool visible) { default_visible_ = visible; }
    void attachChannel(PlotView* plot, ChannelIndex channel);

    // Time.
    void setWindow(std::chrono::milliseconds window); // clamped to [kMinWindow, kMaxWindow]
    [[nodiscard]] std::chrono::milliseconds window() const { return window_; }
    void setPaused(bool paused); // paused: the view stands still; unpaused: it follows the newest data
    [[nodiscard]] bool isPaused() const { return !following_; }
    void follow() { setPaused(false); }
    // Shows [left, right] on every plot and stops following.
    void setViewRange(TimeNs left, TimeNs right);
    void zoomTime(TimeNs anchor, double factor);
    void panTime(TimeNs delta);
    [[nodiscard]] TimeNs viewLeft() const { return left_; }
    [[nodiscard]] TimeNs viewRight() const { return right_; }
    void setCursorTime(std::optional<TimeNs> time);
    [[nodiscard]] std::optional<TimeNs> cursorTime() const { return cursor_; }

    // Exports; each returns an empty string on success, otherwise what went wrong (naming the file).
    // The image format follows the suffix: .png, .svg or .pdf.
    [[nodiscard]] QString exportImage(const QString& path);
    // The samples of the channels shown, within the visible time range, as CSV in core's wide layout.
    [[nodiscard]] QString exportVisibleCsv(const QString& path);

    // The layout for a session file's GUI section: plots, splits, channels per plot by name, window
    // length and Y ranges. Restoring reports a malformed layout by its JSON path and changes nothing.
    [[nodiscard]] QJsonObject saveLayout() const;
    bool restoreLayout(const QJsonObject& layout, QString* error);

    // Pulls new points and redraws; called by the frame timer (public so that tests drive frames).
    void refresh();
    [[nodiscard]] const PlotSeriesSet& series() const { return series_; }
    [[nodiscard]] std::uint64_t framesDrawn() const { return frames_drawn_; }

Q_SIGNALS:
    void pausedChanged(bool paused);
    // A channel went onto its first plot or off its last one (drag & drop, a plot's menu, a layout).
    void channelVisibilityChanged(streamscope::ChannelIndex channel, bool visible);

private:
    void setSource(const ChannelStore* store, const PlotArchive* archive);
    // The widest view: a day, or twice an archive's span.
    [[nodiscard]] TimeNs maxSpan() const;
    QHBoxLayout* createControls(); // plot_area_controls.cpp
    PlotView* createPlot();
    // Where a newly shown channel goes: the current plot, or while arranging automatically its group's.
    PlotView* placeFor(ChannelIndex channel);
    void shareRootEqually(); // the top-level plots and splits get the same size
    void connectPlot(PlotView* plot);
    void forgetPlot(PlotView* plot);
    void stopFollowing();
    // Whether the plots know the channel yet, after pulling new channels from the store if need be.
    bool knowsChannel(ChannelIndex channel);
    void redraw();
    void updateWindowBox();
    void updateCursorLabel();
    void setVisibleChannels(const std::vector<ChannelIndex>& before);
    [[nodiscard]] std::vector<ChannelIndex> shownChannels() const;
    // Layout persistence (plot_area_layout.cpp).
    [[nodiscard]] QJsonObject saveNode(QWidget* node) const;
    QWidget* buildNode(const QJsonObject& node);
    // Exports (plot_area_export.cpp).
    void renderPlots(QCPPainter& painter);

    PlotSeriesSet series_;
    QSplitter* root_ = nullptr;
    PlotView* current_ = nullptr;
    QComboBox* window_box_ = nullptr;
    QToolButton* follow_button_ = nullptr;
    QLabel* cursor_label_ = nullptr;
    QTimer frame_timer_;
    std::map<ChannelIndex, bool> wanted_; // check box states seen before the channel reached the series
    bool default_visible_ = true;
    bool auto_arrange_ = true;
    std::chrono::milliseconds window_{10'000};
    bool following_ = true;
    bool view_changed_ = true;
    TimeNs left_ = 0;
    TimeNs right_ = 0;
    TimeNs origin_ = 0;
    bool has_origin_ = false;
    std::optional<TimeNs> cursor_;
    std::uint64_t frames_drawn_ = 0;
};

} // namespace streamscope::widgets
