#include "widgets/statistics_panel.h"

#include "core/session/duration.h"
#include "widgets/statistics_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace streamscope::widgets {

StatisticsPanel::StatisticsPanel(QWidget* parent)
    : QWidget(parent), model_(new StatisticsModel(this)), window_choice_(new QComboBox(this)),
      table_(new QTableView(this))
{
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(model_);
    sorted->setSortRole(StatisticsModel::ValueRole);
    table_->setModel(sorted);
    table_->setSortingEnabled(true);
    table_->sortByColumn(StatisticsModel::ChannelColumn, Qt::AscendingOrder);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);

    auto* chooser_row = new QHBoxLayout;
    chooser_row->addWidget(new QLabel(QStringLiteral("Window:"), this));
    chooser_row->addWidget(window_choice_);
    chooser_row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(chooser_row);
    layout->addWidget(table_);
    connect(window_choice_, &QComboBox::currentIndexChanged, this, [this] {
        if (window_choice_->currentIndex() >= 0)
            model_->setWindow(window_choice_->currentData().toInt());
    });

    timer_.setInterval(250);
    connect(&timer_, &QTimer::timeout, this, &StatisticsPanel::refresh);
}

void StatisticsPanel::setSource(const ProcessingStage* stage)
{
    stage_ = stage;
    if (stage_ == nullptr) {
        timer_.stop();
        return; // the last values stay readable
    }
    model_->clear(); // another engine: its channels are not the previous one's
    refresh();
    timer_.start();
}

void StatisticsPanel::refresh()
{
    if (stage_ == nullptr)
        return;
    model_->setSnapshot(stage_->snapshot());
    fillWindowChoices();
}

void StatisticsPanel::fillWindowChoices()
{
    const std::vector<TimeNs>& windows = model_->windows();
    if (window_choice_->count() == static_cast<int>(windows.size()) + 1)
        return;
    const QSignalBlocker blocker(window_choice_);
    window_choice_->clear();
    for (std::size_t i = 0; i < windows.size(); ++i)
        window_choice_->addItem(QString::fromStdString("last " + formatDuration(std::chrono::nanoseconds(windows[i]))),
                                static_cast<int>(i));
    window_choice_->addItem(QStringLiteral("whole session"), -1);
    const int current = window_choice_->findData(model_->window());
    window_choice_->setCurrentIndex(current >= 0 ? current : 0);
    model_->setWindow(window_choice_->currentData().toInt());
}

} // namespace streamscope::widgets
