#include "widgets/source_status_panel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace streamscope::widgets {

namespace {

std::uint64_t drops(const SourceStatus& s) { return s.kernel_drops + s.ring_drops; }

} // namespace

SourceDetailsDialog::SourceDetailsDialog(QWidget* parent) : QDialog(parent), table_(new QTableWidget(this))
{
    setWindowTitle(QStringLiteral("Sources"));
    const QStringList columns{QStringLiteral("Source"),        QStringLiteral("Datagrams"),
                              QStringLiteral("Bytes"),         QStringLiteral("Frames"),
                              QStringLiteral("Samples"),       QStringLiteral("Decode errors"),
                              QStringLiteral("Kernel drops"),  QStringLiteral("Ring drops"),
                              QStringLiteral("Over channel cap"), QStringLiteral("Rejected senders"),
                              QStringLiteral("Gaps"),          QStringLiteral("Last error")};
    table_->setColumnCount(static_cast<int>(columns.size()));
    table_->setHorizontalHeaderLabels(columns);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(buttons);
    resize(1180, 260);
    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &SourceDetailsDialog::refresh);
    timer_.start();
}

void SourceDetailsDialog::setEngine(const Engine* engine)
{
    engine_ = engine;
    refresh();
}

void SourceDetailsDialog::refresh()
{
    const std::vector<SourceStatus> sources = engine_ != nullptr ? engine_->sourceStatus() : std::vector<SourceStatus>{};
    table_->setRowCount(static_cast<int>(sources.size()));
    const QLocale locale;
    for (int row = 0; row < static_cast<int>(sources.size()); ++row) {
        const SourceStatus& s = sources[static_cast<std::size_t>(row)];
        const QStringList cells{QString::fromStdString(s.name),
                                locale.toString(static_cast<qulonglong>(s.datagrams)),
                                locale.toString(static_cast<qulonglong>(s.bytes)),
                                locale.toString(static_cast<qulonglong>(s.frames)),
                                locale.toString(static_cast<qulonglong>(s.samples)),
                                locale.toString(static_cast<qulonglong>(s.decode_errors)),
                                locale.toString(static_cast<qulonglong>(s.kernel_drops)),
                                locale.toString(static_cast<qulonglong>(s.ring_drops)),
                                locale.toString(static_cast<qulonglong>(s.over_channel_cap)),
                                locale.toString(static_cast<qulonglong>(s.rejected_senders)),
                                QString::number(s.gaps.size()),
                                s.last_error.empty() ? QStringLiteral("–") : QString::fromStdString(s.last_error)};
        for (int column = 0; column < static_cast<int>(cells.size()); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column > 0 && column + 1 < static_cast<int>(cells.size()))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(row, column, item);
        }
    }
}

SourceStatusPanel::SourceStatusPanel(QWidget* parent)
    : QWidget(parent), rate_(new QLabel(this)), problems_(new QToolButton(this))
{
    problems_->setAutoRaise(true);
    problems_->setToolTip(QStringLiteral("Every counter of every source, and the last error message"));
    connect(problems_, &QToolButton::clicked, this, &SourceStatusPanel::showDetails);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(rate_);
    layout->addWidget(problems_);
    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &SourceStatusPanel::refresh);
    setEngine(nullptr);
}

void SourceStatusPanel::setEngine(const Engine* engine)
{
    engine_ = engine;
    last_samples_ = 0;
    last_time_ms_ = QDateTime::currentMSecsSinceEpoch();
    if (details_ != nullptr)
        details_->setEngine(engine);
    if (engine_ == nullptr) {
        timer_.stop();
        rate_->setText(QStringLiteral("No source"));
        problems_->setText(QString());
        problems_->setVisible(false);
        return;
    }
    problems_->setVisible(true);
    refresh();
    timer_.start();
}

void SourceStatusPanel::refresh()
{
    if (engine_ == nullptr)
        return;
    std::uint64_t samples = 0;
    std::uint64_t lost = 0;
    std::uint64_t errors = 0;
    for (const SourceStatus& s : engine_->sourceStatus()) {
        samples += s.samples;
        lost += drops(s);
        errors += s.decode_errors;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double seconds = static_cast<double>(std::max<qint64>(now - last_time_ms_, 1)) / 1000.0;
    const double rate = static_cast<double>(samples - std::min(samples, last_samples_)) / seconds;
    last_samples_ = samples;
    last_time_ms_ = now;
    const QLocale locale;
    rate_->setText(QStringLiteral("%1 samples/s").arg(locale.toString(rate, 'f', 0)));
    problems_->setText(QStringLiteral("drops %1 · decode errors %2")
                           .arg(locale.toString(static_cast<qulonglong>(lost)),
                                locale.toString(static_cast<qulonglong>(errors))));
    problems_->setStyleSheet(lost + errors > 0 ? QStringLiteral("QToolButton { color: #d32f2f; }") : QString());
}

void SourceStatusPanel::showDetails()
{
    if (details_ == nullptr)
        details_ = new SourceDetailsDialog(this);
    details_->setEngine(engine_);
    details_->show();
    details_->raise();
}

} // namespace streamscope::widgets
