#pragma once

// Shared by the plot widget tests: a store filled with known samples, plot areas on screen, and
// finding a curve's colour in a rendered image.
#include "core/pipeline/channel_store.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QRect>
#include <QTest>

#include <cstdlib>

namespace streamscope::plot_test {

constexpr TimeNs kSecond = 1'000'000'000;
constexpr TimeNs kStart = 1'700'000'000 * kSecond;

// Fills `channel` at 100 Hz with a value that is `low` for the first half of [from, to) and `high` after.
inline void addStep(ChannelStore& store, ChannelIndex channel, TimeNs from, TimeNs to, double low, double high)
{
    ChannelStore::Writer writer(store);
    for (TimeNs t = from; t < to; t += kSecond / 100)
        writer.add(channel, t, t < from + (to - from) / 2 ? low : high);
}

// Of the same hue as `colour`: antialiasing blends a thin curve with the background, so compare the
// pixel's hue and require it to be clearly coloured (the grid and axes are grey).
inline bool near(QColor pixel, QColor colour)
{
    return pixel.hsvSaturation() > 60 && std::abs(pixel.hsvHue() - colour.hsvHue()) < 12;
}

// Rows of `image` within `area` in which a pixel of (nearly) `colour` appears.
inline QList<int> rowsWithColour(const QImage& image, QColor colour, QRect area)
{
    QList<int> rows;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (near(image.pixelColor(x, y), colour)) {
                rows << y;
                break;
            }
    return rows;
}

// An area on screen whose channels are placed by the test, as the channel tree's check boxes would.
struct ShownArea {
    explicit ShownArea(const ChannelStore& store, QSize size = {900, 700})
    {
        area.setDefaultVisible(false);
        area.resize(size);
        area.setStore(&store);
        area.show();
        exposed = QTest::qWaitForWindowExposed(&area);
    }
    widgets::PlotArea area;
    bool exposed = false;
};

// Two plots stacked, the bottom one current, with the store's channels pulled.
struct TwoPlots : ShownArea {
    explicit TwoPlots(const ChannelStore& store) : ShownArea(store)
    {
        top = area.currentPlot();
        bottom = area.splitPlot(top, Qt::Vertical);
        area.refresh();
    }
    widgets::PlotView* top = nullptr;
    widgets::PlotView* bottom = nullptr;
};

} // namespace streamscope::plot_test
