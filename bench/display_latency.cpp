// Latency from a datagram's arrival to the first frame that shows it: a real UDP socket on loopback,
// the ingest and pipeline threads, and PlotArea's own 60 Hz frame timer on the offscreen platform.
// Reported against the frame interval measured in the same run (latency in frames): PlotArea redraws
// only when something changed, so the reference is a timer with the frame timer's 16 ms interval in the
// same event loop.
#include "core/engine.h"
#include "core/ingest/udp_sender.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"

#include <QApplication>
#include <QTimer>
#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

using namespace streamscope;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    Engine engine;
    UdpSourceOptions udp;
    udp.endpoint = {"127.0.0.1", 0};
    udp.decoder.format = TextFormat::KeyValue;
    if (auto error = engine.addUdpSource(udp)) {
        std::fprintf(stderr, "%s\n", error->c_str());
        return 1;
    }
    engine.start();
    UdpSender sender;
    if (auto error = sender.open({"127.0.0.1", engine.udpPorts().at(0)})) {
        std::fprintf(stderr, "%s\n", error->c_str());
        return 1;
    }

    widgets::PlotArea area;
    area.resize(1280, 720);
    area.setStore(&engine.store());
    area.show();
    widgets::PlotView* plot = area.currentPlot(); // the first channel goes on it

    constexpr int kSamples = 120;
    std::map<int, Clock::time_point> sent_at;
    std::vector<double> latencies_ms;
    std::vector<double> frame_intervals_ms;
    Clock::time_point last_frame{};
    int next = 1;

    QTimer sender_timer;
    sender_timer.setInterval(37); // not a multiple of the frame interval, so arrivals fall anywhere in a frame
    QObject::connect(&sender_timer, &QTimer::timeout, [&] {
        sent_at[next] = Clock::now();
        sender.queue("lat:" + std::to_string(next++));
        sender.flush();
    });
    QTimer frame_reference;
    frame_reference.setInterval(16);
    QObject::connect(&frame_reference, &QTimer::timeout, [&] {
        const auto now = Clock::now();
        if (last_frame != Clock::time_point{})
            frame_intervals_ms.push_back(std::chrono::duration<double, std::milli>(now - last_frame).count());
        last_frame = now;
    });
    frame_reference.start();
    QObject::connect(plot, &QCustomPlot::afterReplot, [&] {
        const auto now = Clock::now();
        if (plot->graphCount() == 0 || plot->graph(0)->data()->isEmpty())
            return;
        const int shown = static_cast<int>((plot->graph(0)->data()->constEnd() - 1)->value);
        for (auto it = sent_at.begin(); it != sent_at.end() && it->first <= shown;) {
            latencies_ms.push_back(std::chrono::duration<double, std::milli>(now - it->second).count());
            it = sent_at.erase(it);
        }
        if (latencies_ms.size() >= kSamples)
            app.quit();
    });
    sender_timer.start();
    QTimer::singleShot(30'000, &app, &QApplication::quit);
    QApplication::exec();
    engine.stop();

    if (latencies_ms.size() < 10 || frame_intervals_ms.empty()) {
        std::fprintf(stderr, "too few frames measured\n");
        return 1;
    }
    std::sort(latencies_ms.begin(), latencies_ms.end());
    std::sort(frame_intervals_ms.begin(), frame_intervals_ms.end());
    const double frame = frame_intervals_ms[frame_intervals_ms.size() / 2];
    const double median = latencies_ms[latencies_ms.size() / 2];
    const double p95 = latencies_ms[latencies_ms.size() * 95 / 100];
    std::printf("| datagram to frame (%zu datagrams) | ms | in frames |\n", latencies_ms.size());
    std::printf("|---|---:|---:|\n");
    std::printf("| frame interval, median (reference) | %.2f | 1.00 |\n", frame);
    std::printf("| latency, median | %.2f | %.2f |\n", median, median / frame);
    std::printf("| latency, 95th percentile | %.2f | %.2f |\n", p95, p95 / frame);
    return 0;
}
