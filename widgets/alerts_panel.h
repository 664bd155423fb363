#pragma once

#include "core/processing/alert_event.h"

#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <string>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace streamscope::widgets {

class ActiveAlertsModel;
class AlertLogModel;

// The alerts dock's contents: the active alerts (coloured by severity, acknowledge one or all), the
// event log, and a rule editor in the command line's rule language, one rule per line.
class AlertsPanel : public QWidget {
    Q_OBJECT
public:
    // Applies the edited rules; returns the parser's message for the first bad one.
    using RuleApplier = std::function<std::optional<std::string>(const QStringList& rules)>;

    explicit AlertsPanel(QWidget* parent = nullptr);

    void setRuleApplier(RuleApplier applier) { apply_rules_ = std::move(applier); }
    // Shows these rules in the editor (the session's).
    void setRules(const QStringList& rules);
    [[nodiscard]] QStringList editedRules() const;

    // An event from the engine, on the GUI thread.
    void addEvent(const streamscope::AlertEvent& event);
    // A new engine: its alerts start from none (the log keeps the old events).
    void clearActive();

    [[nodiscard]] ActiveAlertsModel* activeModel() const { return active_; }
    [[nodiscard]] AlertLogModel* logModel() const { return log_; }
    [[nodiscard]] QTableView* activeTable() const { return active_table_; }
    [[nodiscard]] QPlainTextEdit* ruleEditor() const { return rule_editor_; }
    [[nodiscard]] QPushButton* applyButton() const { return apply_button_; }
    [[nodiscard]] QLabel* ruleMessage() const { return rule_message_; }
    [[nodiscard]] QPushButton* acknowledgeButton() const { return acknowledge_button_; }
    [[nodiscard]] QPushButton* acknowledgeAllButton() const { return acknowledge_all_button_; }

Q_SIGNALS:
    // The number of raised, unacknowledged alerts changed (for a badge in the window).
    void unacknowledgedChanged(int count);

private:
    QWidget* buildActivePage();
    QWidget* buildRulesPage();
    void applyRules();
    void acknowledgeSelected();
    void updateTabTitle();

    ActiveAlertsModel* active_ = nullptr;
    AlertLogModel* log_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QTableView* active_table_ = nullptr;
    QPushButton* acknowledge_button_ = nullptr;
    QPushButton* acknowledge_all_button_ = nullptr;
    QPlainTextEdit* rule_editor_ = nullptr;
    QPushButton* apply_button_ = nullptr;
    QLabel* rule_message_ = nullptr;
    RuleApplier apply_rules_;
};

} // namespace streamscope::widgets
