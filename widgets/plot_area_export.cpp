// PlotArea's exports: the plots as an image (PNG raster, SVG or PDF vector) and the visible samples as
// CSV in core's wide layout (see core/archive/csv_exporter.h).
#include "widgets/plot_area.h"

#include "core/archive/csv_exporter.h"
#include "widgets/plot_view.h"

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSplitter>
#include <QSvgGenerator>

#include <algorithm>
#include <charconv>
#include <string>

namespace streamscope::widgets {

namespace {

constexpr std::size_t kWriteChunk = 1 << 20; // CSV text is written in pieces of about this many bytes

// A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).
std::string csvField(const QString& text)
{
    const std::string raw = text.toStdString();
    if (raw.find_first_of(",\"\n\r") == std::string::npos)
        return raw;
    std::string quoted = "\"";
    for (const char c : raw) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

// The samples of one channel in [from, to], copied from the store.
struct VisibleSamples {
    HistorySlice slice;
    std::size_t next = 0;
    std::size_t end = 0;
    [[nodiscard]] bool done() const { return next >= end; }
    [[nodiscard]] TimeNs time() const { return slice.times[next]; }
};

} // namespace

void PlotArea::renderPlots(QCPPainter& painter)
{
    // The current plot's tint is for the screen, not for a picture of the data.
    PlotView* current = current_;
    if (current)
        current->setCurrent(false);
    for (PlotView* plot : plots()) {
        painter.save();
        painter.translate(plot->mapTo(root_, QPoint(0, 0)));
        plot->toPainter(&painter, plot->width(), plot->height());
        painter.restore();
    }
    if (current)
        current->setCurrent(true);
}

QString PlotArea::exportImage(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = root_->size();
    if (size.isEmpty())
        return QStringLiteral("cannot export %1: the plots have no size yet (is the window shown?)").arg(path);
    redraw();

    if (suffix == QStringLiteral("png")) {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::white);
        QCPPainter painter(&image);
        renderPlots(painter);
        painter.end();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
            return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return {};
    }
    if (suffix != QStringLiteral("svg") && suffix != QStringLiteral("pdf"))
        return QStringLiteral("cannot export %1: unknown image format '.%2', use .png, .svg or .pdf").arg(path, suffix);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QCPPainter painter;
    QSvgGenerator svg;
    QPdfWriter pdf(&file);
    if (suffix == QStringLiteral("svg")) {
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setResolution(96); // the width and height it states in mm are then the screen's
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QStringLiteral("StreamScope plots"));
        painter.begin(&svg);
    } else {
        // One page the size of the plots: at 96 dpi a pixel is 0.75 pt, so text keeps its size.
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(size) * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(QStringLiteral("StreamScope plots"));
        pdf.setCreator(QStringLiteral("StreamScope"));
        painter.begin(&pdf);
    }
    if (!painter.isActive())
        return QStringLiteral("cannot write %1: the %2 painter did not start").arg(path, suffix.toUpper());
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    renderPlots(painter);
    painter.end();
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString PlotArea::exportVisibleCsv(const QString& path)
{
    const ChannelStore* store = series_.store();
    const PlotArchive* archive = series_.archive();
    const std::vector<ChannelIndex> channels = shownChannels();
    if ((!store && !archive) || channels.empty())
        return QStringLiteral("cannot export %1: no channel is shown").arg(path);
    if (archive) // every sample is in the file, as `streamscope export` writes it
        return QString::fromStdString(archive->exportCsv(path.toStdString(), channels, left_, right_));

    // Every sample comes from the store, as the pipeline kept it (the plots' copies serve the drawing).
    std::vector<VisibleSamples> visible(channels.size());
    for (std::size_t i = 0; i < channels.size(); ++i) {
        VisibleSamples& v = visible[i];
        v.slice = store->readHistorySince(channels[i], 0);
        const auto& times = v.slice.times;
        if (v.slice.missed > 0 && !times.empty() && times.front() > left_)
            return QStringLiteral("cannot export %1: channel %2 no longer holds the start of the visible range "
                                  "(its history now begins at %3); zoom in, or export the recorded archive")
                .arg(path, series_.name(channels[i]), QString::fromStdString(formatIsoTime(times.front())));
        v.next = static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), left_) - times.begin());
        v.end = static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(), right_) - times.begin());
    }

    QSaveFile file(path); // the old file stays until the new one is complete
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    const auto write = [&file](std::string& text) {
        const bool written = file.write(text.data(), static_cast<qint64>(text.size())) >= 0;
        text.clear();
        return written;
    };
    std::string text = "time";
    for (const ChannelIndex channel : channels)
        text += ',' + csvField(series_.name(channel));
    text += '\n';
    // One row per timestamp, merged in time order; a channel without a sample at that time has an
    // empty cell, one with two samples at the same time gives a second row.
    char number[32];
    for (;;) {
        std::optional<TimeNs> earliest;
        for (const VisibleSamples& v : visible)
            if (!v.done())
                earliest = std::min(earliest.value_or(v.time()), v.time());
        if (!earliest)
            break;
        text += formatIsoTime(*earliest);
        for (VisibleSamples& v : visible) {
            text += ',';
            if (v.done() || v.time() != *earliest)
                continue;
            const auto result = std::to_chars(number, number + sizeof number, v.slice.values[v.next++]);
            text.append(number, result.ptr);
        }
        text += '\n';
        if (text.size() >= kWriteChunk && !write(text))
            return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    }
    if (!write(text) || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace streamscope::widgets
