#include "widgets/alerts_panel.h"

#include "widgets/alert_models.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace streamscope::widgets {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true); // the rule, the longest text
    // Fit the columns to what arrives (a header in ResizeToContents mode would not follow new rows),
    // at most a few times a second however fast a chattering rule logs events.
    auto* refit = new QTimer(table);
    refit->setSingleShot(true);
    refit->setInterval(200);
    QObject::connect(refit, &QTimer::timeout, table, &QTableView::resizeColumnsToContents);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, refit, [refit] {
        if (!refit->isActive())
            refit->start();
    });
    return table;
}

const QString kRuleHelp = QStringLiteral(
    "One rule per line, as with --alert:  temp > 30 clear < 28 for 500ms critical  ·  hb stale 1s  ·  "
    "p outside 0..5  ·  x rate > 5/s  ·  * nan");

} // namespace

AlertsPanel::AlertsPanel(QWidget* parent)
    : QWidget(parent), active_(new ActiveAlertsModel(this)), log_(new AlertLogModel(10'000, this)),
      tabs_(new QTabWidget(this))
{
    tabs_->addTab(buildActivePage(), QString());
    auto* log_table = makeTable(log_, this);
    connect(log_, &QAbstractItemModel::rowsInserted, log_table, &QTableView::scrollToBottom);
    tabs_->addTab(log_table, QStringLiteral("Log"));
    tabs_->addTab(buildRulesPage(), QStringLiteral("Rules"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(tabs_);
    updateTabTitle();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(active_, signal, this, &AlertsPanel::updateTabTitle);
    connect(active_, &QAbstractItemModel::dataChanged, this, &AlertsPanel::updateTabTitle);
    connect(active_, &QAbstractItemModel::modelReset, this, &AlertsPanel::updateTabTitle);
}

QWidget* AlertsPanel::buildActivePage()
{
    auto* page = new QWidget(this);
    active_table_ = makeTable(active_, page);
    acknowledge_button_ = new QPushButton(QStringLiteral("Acknowledge"), page);
    acknowledge_button_->setToolTip(QStringLiteral("Acknowledge the selected alerts; they stay listed until they clear"));
    acknowledge_all_button_ = new QPushButton(QStringLiteral("Acknowledge all"), page);
    connect(acknowledge_button_, &QPushButton::clicked, this, &AlertsPanel::acknowledgeSelected);
    connect(acknowledge_all_button_, &QPushButton::clicked, active_, &ActiveAlertsModel::acknowledgeAll);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(acknowledge_button_);
    buttons->addWidget(acknowledge_all_button_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(active_table_);
    layout->addLayout(buttons);
    return page;
}

QWidget* AlertsPanel::buildRulesPage()
{
    auto* page = new QWidget(this);
    rule_editor_ = new QPlainTextEdit(page);
    rule_editor_->setPlaceholderText(kRuleHelp);
    rule_editor_->setToolTip(kRuleHelp);
    rule_editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    apply_button_ = new QPushButton(QStringLiteral("Apply rules"), page);
    rule_message_ = new QLabel(page);
    rule_message_->setWordWrap(true);
    rule_message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(apply_button_, &QPushButton::clicked, this, &AlertsPanel::applyRules);
    auto* row = new QHBoxLayout;
    row->addWidget(rule_message_, 1);
    row->addWidget(apply_button_);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(rule_editor_);
    layout->addLayout(row);
    return page;
}

void AlertsPanel::setRules(const QStringList& rules)
{
    rule_editor_->setPlainText(rules.join(QLatin1Char('\n')));
    rule_message_->clear();
}

QStringList AlertsPanel::editedRules() const
{
    return rule_editor_->toPlainText().split(QLatin1Char('\n'));
}

void AlertsPanel::applyRules()
{
    if (!apply_rules_)
        return;
    const QStringList rules = editedRules();
    if (const auto error = apply_rules_(rules)) {
        rule_message_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
        rule_message_->setText(QString::fromStdString(*error));
        return;
    }
    rule_message_->setStyleSheet(QString());
    const auto count = std::count_if(rules.begin(), rules.end(), [](const QString& r) { return !r.trimmed().isEmpty(); });
    rule_message_->setText(QStringLiteral("%1 rule(s) in effect").arg(count));
}

void AlertsPanel::addEvent(const AlertEvent& event)
{
    active_->applyEvent(event);
    log_->append(event);
}

void AlertsPanel::clearActive() { active_->clear(); }

void AlertsPanel::acknowledgeSelected()
{
    for (const QModelIndex& row : active_table_->selectionModel()->selectedRows())
        active_->acknowledge(row.row());
}

void AlertsPanel::updateTabTitle()
{
    const int raised = active_->rowCount();
    const int unacknowledged = active_->unacknowledgedCount();
    tabs_->setTabText(0, unacknowledged > 0 ? QStringLiteral("Active (%1, %2 new)").arg(raised).arg(unacknowledged)
                                            : QStringLiteral("Active (%1)").arg(raised));
    Q_EMIT unacknowledgedChanged(unacknowledged);
}

} // namespace streamscope::widgets
