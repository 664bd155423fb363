#pragma once

#include "core/processing/processing_stage.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QTableView;

namespace streamscope::widgets {

class StatisticsModel;

// The statistics dock's contents: a window chooser over the rolling statistics table. It copies the
// processing stage's published snapshot a few times a second (a short lock that the pipeline never
// waits on) and never touches the pipeline's own state.
class StatisticsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatisticsPanel(QWidget* parent = nullptr);

    // Not owned; nullptr when no engine runs. Call setSource(nullptr) before the stage goes.
    void setSource(const ProcessingStage* stage);
    void refresh();

    [[nodiscard]] StatisticsModel* model() const { return model_; }
    [[nodiscard]] QComboBox* windowChooser() const { return window_choice_; }
    [[nodiscard]] QTableView* table() const { return table_; }

private:
    void fillWindowChoices();

    const ProcessingStage* stage_ = nullptr;
    StatisticsModel* model_ = nullptr;
    QComboBox* window_choice_ = nullptr;
    QTableView* table_ = nullptr;
    QTimer timer_;
};

} // namespace streamscope::widgets
