// Redraw time of 8 plots each showing 1 million points, offscreen raster at 1920x1080: StreamScope's
// LivePlotWidget following live data (M4 per pixel column from a LodSeries, cached on a time grid so a
// frame computes only new columns, then QCustomPlot) as a ratio to handing the same points to
// QCustomPlot directly (its own adaptive sampling on) in the same run. The M4 of a whole view from
// scratch, what a first frame or a zoom costs, is timed on its own.
#include "bench/bench_report.h"
#include "widgets/live_plot_widget.h"

#include <QApplication>
#include <qcustomplot.h>

#include <cmath>
#include <numbers>

using namespace streamscope;

namespace {

constexpr int kPlots = 8;
constexpr std::size_t kPoints = 1'000'000;
constexpr TimeNs kStart = 1'700'000'000'000'000'000;
constexpr TimeNs kStep = 10'000; // 100 kHz: 1 M points fill a 10 s window
constexpr int kFrames = 30;

double signal(int plot, std::size_t i)
{
    const double t = static_cast<double>(i) * 1e-5;
    return std::sin(2 * std::numbers::pi * (plot + 1) * 0.7 * t) + 0.3 * std::sin(2 * std::numbers::pi * 50 * t)
        + 0.05 * std::sin(static_cast<double>(i) * 12.9898);
}

// Seconds per redraw with QCustomPlot given all points directly.
double qcustomplotDirect()
{
    QCustomPlot plot;
    plot.resize(1920, 1080);
    plot.plotLayout()->clear();
    for (int p = 0; p < kPlots; ++p) {
        auto* rect = new QCPAxisRect(&plot);
        plot.plotLayout()->addElement(p, 0, rect);
        QCPGraph* graph = plot.addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        QVector<QCPGraphData> data(static_cast<qsizetype>(kPoints));
        for (std::size_t i = 0; i < kPoints; ++i)
            data[static_cast<qsizetype>(i)] = {static_cast<double>(kStart + static_cast<TimeNs>(i) * kStep) * 1e-9, signal(p, i)};
        graph->data()->set(data, true);
        graph->rescaleAxes();
    }
    plot.replot(QCustomPlot::rpImmediateRefresh); // warm-up: first layout, font caches
    return bench::bestSeconds(kFrames, [&] { plot.replot(QCustomPlot::rpImmediateRefresh); });
}

// Seconds per redraw of LivePlotWidget: pull the frame's new points, M4 at the pixel width, replot.
double livePlotWidget()
{
    ChannelStore store(kPoints + 1000);
    for (int p = 0; p < kPlots; ++p)
        store.addChannel({"bench", "plot" + std::to_string(p), {}});
    {
        ChannelStore::Writer writer(store);
        for (int p = 0; p < kPlots; ++p)
            for (std::size_t i = 0; i < kPoints; ++i)
                writer.add(static_cast<ChannelIndex>(p), kStart + static_cast<TimeNs>(i) * kStep, signal(p, i));
    }
    widgets::LivePlotWidget widget;
    widget.resize(1920, 1080);
    widget.setWindow(std::chrono::seconds(10));
    widget.setStore(&store);
    widget.show();
    widget.refresh(); // ingests the million points of each channel once
    widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
    std::size_t next = kPoints;
    return bench::bestSeconds(kFrames, [&] {
        { // a live frame: a few new points per channel, then the redraw
            ChannelStore::Writer writer(store);
            for (int p = 0; p < kPlots; ++p)
                for (std::size_t i = next; i < next + 10; ++i)
                    writer.add(static_cast<ChannelIndex>(p), kStart + static_cast<TimeNs>(i) * kStep, signal(p, i));
        }
        next += 10;
        widget.refresh();
        widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
    });
}

// Seconds for the M4 step alone: 8 series of 1 M points at 1900 columns.
double m4Only()
{
    std::vector<LodSeries> series(kPlots);
    for (int p = 0; p < kPlots; ++p)
        for (std::size_t i = 0; i < kPoints; ++i)
            series[static_cast<std::size_t>(p)].append(kStart + static_cast<TimeNs>(i) * kStep, signal(p, i));
    std::vector<TimeNs> times;
    std::vector<double> values;
    const M4Range range{kStart, kStart + static_cast<TimeNs>(kPoints) * kStep, 1900};
    return bench::bestSeconds(kFrames, [&] {
        for (const LodSeries& s : series) {
            s.m4Polyline(range, times, values);
            bench::keep(values.data());
        }
    });
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const double direct = qcustomplotDirect();
    const double ours = livePlotWidget();
    const double m4 = m4Only();
    std::printf("| redraw of %d plots x %zu points, 1920x1080 offscreen | ms per redraw (best of %d) | ratio to QCustomPlot direct |\n",
                kPlots, kPoints, kFrames);
    std::printf("|---|---:|---:|\n");
    std::printf("| QCustomPlot given every point (adaptive sampling; reference) | %.2f | 1.000 |\n", direct * 1e3);
    std::printf("| StreamScope LivePlotWidget (new points + M4 per pixel column + replot) | %.2f | %.3f |\n", ours * 1e3,
                ours / direct);
    std::printf("| M4 of the whole view from scratch, 8 x %zu points at 1900 columns (a first frame, a zoom) | %.2f | %.3f |\n", kPoints,
                m4 * 1e3, m4 / direct);
    return 0;
}
