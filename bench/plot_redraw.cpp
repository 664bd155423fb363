// Redraw time of 8 plots each showing 1 million points, offscreen raster at 1920x1080: StreamScope's
// PlotArea following live data (8 plots in splitters, M4 per pixel column from a LodSeries, cached on a
// time grid so a frame computes only new columns, then QCustomPlot) as a ratio to handing the same
// points to QCustomPlot directly (its own adaptive sampling on) in the same run. The subjects take
// turns over several rounds and each reports the median of its per-round best, so that a burst of
// load from the other users of the machine lands on all of them alike. The M4 of a whole view from
// scratch, what a first frame or a zoom costs, is timed on its own.
#include "bench/bench_report.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"

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
constexpr int kFramesPerRound = 10;
constexpr int kRounds = 7;

double signal(int plot, std::size_t i)
{
    const double t = static_cast<double>(i) * 1e-5;
    return std::sin(2 * std::numbers::pi * (plot + 1) * 0.7 * t) + 0.3 * std::sin(2 * std::numbers::pi * 50 * t)
        + 0.05 * std::sin(static_cast<double>(i) * 12.9898);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// QCustomPlot given all points directly: 8 axis rects in one widget.
class QCustomPlotDirect {
public:
    QCustomPlotDirect()
    {
        plot_.resize(1920, 1080);
        plot_.plotLayout()->clear();
        for (int p = 0; p < kPlots; ++p) {
            auto* rect = new QCPAxisRect(&plot_);
            plot_.plotLayout()->addElement(p, 0, rect);
            QCPGraph* graph = plot_.addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            QVector<QCPGraphData> data(static_cast<qsizetype>(kPoints));
            for (std::size_t i = 0; i < kPoints; ++i)
                data[static_cast<qsizetype>(i)] = {static_cast<double>(kStart + static_cast<TimeNs>(i) * kStep) * 1e-9,
                                                   signal(p, i)};
            graph->data()->set(data, true);
            graph->rescaleAxes();
        }
        plot_.replot(QCustomPlot::rpImmediateRefresh); // warm-up: first layout, font caches
    }
    void frame() { plot_.replot(QCustomPlot::rpImmediateRefresh); }

private:
    QCustomPlot plot_;
};

// A live store of 8 channels holding 1 M points each; a frame adds 10 new points per channel.
class LiveStore {
public:
    LiveStore() : store_(kPoints + 1000)
    {
        for (int p = 0; p < kPlots; ++p)
            store_.addChannel({"bench", "plot" + std::to_string(p), {}});
        add(kPoints);
    }
    const ChannelStore& store() const { return store_; }
    void add(std::size_t count)
    {
        ChannelStore::Writer writer(store_);
        for (int p = 0; p < kPlots; ++p)
            for (std::size_t i = next_; i < next_ + count; ++i)
                writer.add(static_cast<ChannelIndex>(p), kStart + static_cast<TimeNs>(i) * kStep, signal(p, i));
        next_ += count;
    }

private:
    ChannelStore store_;
    std::size_t next_ = 0;
};

// PlotArea: pull the frame's new points, M4 at each plot's pixel width, replot all eight plots.
class PlotAreaFrames {
public:
    PlotAreaFrames()
    {
        area_.setDefaultVisible(false);
        area_.resize(1920, 1080);
        area_.setStore(&live_.store());
        area_.show();
        for (int p = 1; p < kPlots; ++p)
            area_.addPlot();
        area_.refresh(); // ingests the million points of each channel once
        for (int p = 0; p < kPlots; ++p)
            area_.attachChannel(area_.plots()[static_cast<std::size_t>(p)], static_cast<ChannelIndex>(p));
        frame();
    }
    void frame()
    {
        live_.add(10);
        area_.refresh();
        for (widgets::PlotView* plot : area_.plots())
            plot->replot(QCustomPlot::rpImmediateRefresh);
    }

private:
    LiveStore live_;
    widgets::PlotArea area_;
};

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
    return bench::bestSeconds(kFramesPerRound * 3, [&] {
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
    QCustomPlotDirect direct;
    PlotAreaFrames area;
    std::vector<double> direct_s;
    std::vector<double> area_s;
    for (int round = 0; round < kRounds; ++round) {
        direct_s.push_back(bench::bestSeconds(kFramesPerRound, [&] { direct.frame(); }));
        area_s.push_back(bench::bestSeconds(kFramesPerRound, [&] { area.frame(); }));
    }
    const double reference = median(direct_s);
    const double ours = median(area_s);
    const double m4 = m4Only();
    std::printf("| redraw of %d plots x %zu points, 1920x1080 offscreen | ms per redraw (median of %d rounds, best of %d) | ratio to QCustomPlot direct |\n",
                kPlots, kPoints, kRounds, kFramesPerRound);
    std::printf("|---|---:|---:|\n");
    std::printf("| QCustomPlot given every point (adaptive sampling; reference) | %.2f | 1.000 |\n", reference * 1e3);
    std::printf("| StreamScope PlotArea, 8 plots (new points + M4 per pixel column + replot) | %.2f | %.3f |\n", ours * 1e3,
                ours / reference);
    std::printf("| M4 of the whole view from scratch, 8 x %zu points at 1900 columns (a first frame, a zoom) | %.2f | %.3f |\n", kPoints,
                m4 * 1e3, m4 / reference);
    return 0;
}
