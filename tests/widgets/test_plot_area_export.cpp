#include "core/archive/csv_exporter.h"
#include "plot_test_support.h"
#include "widgets/channel_colour.h"
#include "widgets/plot_area.h"
#include "widgets/plot_view.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <charconv>
#include <set>

using namespace streamscope;
using namespace streamscope::widgets;
using namespace streamscope::plot_test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString shortest(double value)
{
    char text[32];
    return QString::fromLatin1(text, std::to_chars(text, text + sizeof text, value).ptr - text);
}

} // namespace

class TestPlotAreaExport : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ChannelStore> store_;
    ChannelIndex rise_ = 0;
    ChannelIndex slow_ = 0;
    std::unique_ptr<PlotArea> area_;
    QTemporaryDir dir_;

private Q_SLOTS:
    void init()
    {
        // Two channels on two plots: "rise" at 100 Hz, and a slower one with a comma in its name.
        store_ = std::make_unique<ChannelStore>();
        rise_ = store_->addChannel({"rig", "rise", {}});
        slow_ = store_->addChannel({"rig", "slow,odd", {}});
        {
            ChannelStore::Writer writer(*store_);
            for (int i = 0; i < 1000; ++i) {
                writer.add(rise_, kStart + i * kSecond / 100, i * 0.1);
                if (i % 7 == 0)
                    writer.add(slow_, kStart + i * kSecond / 100, -i * 0.25);
            }
        }
        area_ = std::make_unique<PlotArea>();
        area_->setDefaultVisible(false);
        area_->resize(800, 600);
        area_->setStore(store_.get());
        area_->show();
        QVERIFY(QTest::qWaitForWindowExposed(area_.get()));
        PlotView* top = area_->currentPlot();
        PlotView* bottom = area_->splitPlot(top, Qt::Vertical);
        area_->refresh();
        area_->attachChannel(top, rise_);
        area_->attachChannel(bottom, slow_);
    }

    void cleanup()
    {
        area_.reset();
        store_.reset();
    }

    void pngHoldsEveryPlotWithItsCurves()
    {
        const QString path = dir_.filePath(QStringLiteral("plots.png"));
        QCOMPARE(area_->exportImage(path), QString());
        QImage image(path);
        QVERIFY(!image.isNull());
        const std::vector<PlotView*> plots = area_->plots();
        QWidget* root = plots.front()->parentWidget();
        QCOMPARE(image.size(), root->size());
        // Each curve in its plot's region of the image, and not in the other's.
        for (std::size_t p = 0; p < plots.size(); ++p) {
            const QRect data = plots[p]->axisRect()->rect().adjusted(plots[p]->legend->outerRect().width() + 4, 4, -4, -4);
            const QRect in_image = data.translated(plots[p]->mapTo(root, QPoint(0, 0)));
            const ChannelIndex own = p == 0 ? rise_ : slow_;
            const ChannelIndex other = p == 0 ? slow_ : rise_;
            QVERIFY(!rowsWithColour(image, channelColour(own), in_image).isEmpty());
            QVERIFY(rowsWithColour(image, channelColour(other), in_image).isEmpty());
        }
    }

    void svgIsAValidVectorPictureOfThePlots()
    {
        const QString path = dir_.filePath(QStringLiteral("plots.svg"));
        QCOMPARE(area_->exportImage(path), QString());
        const QByteArray svg = readAll(path);
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("<polyline") || svg.contains("<path"));
        // The curves' colours are in the picture, as strokes.
        QVERIFY(svg.contains(channelColour(rise_).name().toLatin1()));
        QVERIFY(svg.contains(channelColour(slow_).name().toLatin1()));
        QSvgRenderer renderer(path);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), area_->plots().front()->parentWidget()->size()));
    }

    void pdfIsOnePageTheShapeOfThePlots()
    {
        const QString path = dir_.filePath(QStringLiteral("plots.PDF"));
        QCOMPARE(area_->exportImage(path), QString());
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "), 1);
        const QSize size = area_->plots().front()->parentWidget()->size();
        // MediaBox in points, 0.75 pt per pixel at 96 dpi (Qt rounds the page to whole points).
        const QRegularExpressionMatch media =
            QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]")).match(QString::fromLatin1(pdf));
        QVERIFY(media.hasMatch());
        QVERIFY(std::abs(media.captured(1).toDouble() - size.width() * 0.75) <= 1.0);
        QVERIFY(std::abs(media.captured(2).toDouble() - size.height() * 0.75) <= 1.0);
    }

    void imageExportErrorsNameTheFile()
    {
        const QString odd = dir_.filePath(QStringLiteral("plots.bmpx"));
        QCOMPARE(area_->exportImage(odd),
                 QStringLiteral("cannot export %1: unknown image format '.bmpx', use .png, .svg or .pdf").arg(odd));
        QVERIFY(!QFile::exists(odd));
        const QString nowhere = dir_.filePath(QStringLiteral("missing/plots.svg"));
        const QString error = area_->exportImage(nowhere);
        QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + nowhere), qPrintable(error));
    }

    void csvHoldsExactlyTheVisibleSamples()
    {
        // A view from 2.005 s to 4.5 s: rise's samples 2.01 .. 4.50, slow's every 70 ms in it.
        const TimeNs left = kStart + 2005 * kSecond / 1000;
        const TimeNs right = kStart + 4500 * kSecond / 1000;
        area_->setViewRange(left, right);
        const QString path = dir_.filePath(QStringLiteral("visible.csv"));
        QCOMPARE(area_->exportVisibleCsv(path), QString());
        const QStringList lines = QString::fromUtf8(readAll(path)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QStringLiteral("time,rise,\"slow,odd\""));

        QStringList expected;
        for (int i = 0; i < 1000; ++i) {
            const TimeNs t = kStart + i * kSecond / 100;
            if (t < left || t > right)
                continue;
            const QString slow = i % 7 == 0 ? shortest(-i * 0.25) : QString();
            expected << QString::fromStdString(formatIsoTime(t)) + QLatin1Char(',') + shortest(i * 0.1) + QLatin1Char(',')
                    + slow;
        }
        QCOMPARE(lines.size() - 1, expected.size());
        QCOMPARE(lines.mid(1), expected);
        QCOMPARE(lines[1].left(24), QStringLiteral("2023-11-14T22:13:22.0100")); // kStart + 2.01 s, UTC
    }

    void csvRefusesAViewThatTheStoreNoLongerHolds()
    {
        ChannelStore small(100); // keeps the newest 100 points
        const ChannelIndex c = small.addChannel({"rig", "short", {}});
        addStep(small, c, kStart, kStart + 5 * kSecond, 0, 1); // 500 points at 100 Hz
        PlotArea area;
        area.setStore(&small);
        area.refresh();
        area.setViewRange(kStart, kStart + 5 * kSecond);
        const QString path = dir_.filePath(QStringLiteral("gone.csv"));
        QCOMPARE(area.exportVisibleCsv(path),
                 QStringLiteral("cannot export %1: channel short no longer holds the start of the visible range (its "
                                "history now begins at 2023-11-14T22:13:24.000000000Z); zoom in, or export the "
                                "recorded archive")
                     .arg(path));
        QVERIFY(!QFile::exists(path));
        area.setViewRange(kStart + 4 * kSecond, kStart + 5 * kSecond); // within the history: fine
        QCOMPARE(area.exportVisibleCsv(path), QString());
        QCOMPARE(QString::fromUtf8(readAll(path)).count(QLatin1Char('\n')), 1 + 100);
    }

    void csvExportOfNothingShownSaysSo()
    {
        for (PlotView* plot : area_->plots())
            for (const ChannelIndex channel : plot->channels())
                plot->removeChannel(channel);
        const QString path = dir_.filePath(QStringLiteral("empty.csv"));
        QCOMPARE(area_->exportVisibleCsv(path), QStringLiteral("cannot export %1: no channel is shown").arg(path));
        const QString nowhere = dir_.filePath(QStringLiteral("missing/visible.csv"));
        area_->attachChannel(area_->currentPlot(), rise_);
        QVERIFY(area_->exportVisibleCsv(nowhere).startsWith(QStringLiteral("cannot write ") + nowhere));
    }
};

int main(int argc, char** argv)
{
    // Widget tests render on the offscreen platform whatever display the machine has.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestPlotAreaExport test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_plot_area_export.moc"
