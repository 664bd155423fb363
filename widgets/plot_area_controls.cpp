// PlotArea's control bar: add a plot, the follow window, follow, export, the cursor's time.
#include "widgets/plot_area.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QToolButton>

namespace streamscope::widgets {

namespace {

const std::vector<std::pair<std::chrono::milliseconds, const char*>> kWindowChoices = {
    {std::chrono::seconds(1), "1 s"},     {std::chrono::seconds(2), "2 s"},      {std::chrono::seconds(5), "5 s"},
    {std::chrono::seconds(10), "10 s"},   {std::chrono::seconds(30), "30 s"},    {std::chrono::minutes(1), "1 min"},
    {std::chrono::minutes(5), "5 min"},   {std::chrono::minutes(10), "10 min"},  {std::chrono::minutes(30), "30 min"},
    {std::chrono::hours(1), "1 h"},
};

} // namespace

QHBoxLayout* PlotArea::createControls()
{
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    auto* add = new QToolButton(this);
    add->setText(QStringLiteral("Add plot"));
    add->setToolTip(QStringLiteral("Add a plot below the others; right-click a plot to split or remove it"));
    connect(add, &QToolButton::clicked, this, [this] { addPlot(); });
    bar->addWidget(add);

    bar->addWidget(new QLabel(QStringLiteral("Window"), this));
    window_box_ = new QComboBox(this);
    window_box_->setToolTip(QStringLiteral("Time span shown while following the newest data"));
    for (const auto& [length, label] : kWindowChoices)
        window_box_->addItem(QString::fromLatin1(label), QVariant::fromValue(static_cast<qint64>(length.count())));
    connect(window_box_, &QComboBox::activated, this, [this](int index) {
        setWindow(std::chrono::milliseconds(window_box_->itemData(index).toLongLong()));
        follow();
    });
    bar->addWidget(window_box_);

    follow_button_ = new QToolButton(this);
    follow_button_->setText(QStringLiteral("Follow"));
    follow_button_->setCheckable(true);
    follow_button_->setChecked(true);
    follow_button_->setToolTip(QStringLiteral("Follow the newest data (Home, or double-click a plot)"));
    connect(follow_button_, &QToolButton::clicked, this, [this](bool checked) { setPaused(!checked); });
    bar->addWidget(follow_button_);

    auto* exports = new QToolButton(this);
    exports->setText(QStringLiteral("Export"));
    exports->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exports);
    menu->addAction(QStringLiteral("Plots as image (PNG, SVG, PDF)…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export plots"), QStringLiteral("plots.png"),
                                                          QStringLiteral("Images (*.png *.svg *.pdf)"));
        if (const QString error = path.isEmpty() ? QString() : exportImage(path); !error.isEmpty())
            QMessageBox::warning(this, QStringLiteral("Export plots"), error);
    });
    menu->addAction(QStringLiteral("Visible data as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export visible data"),
                                                          QStringLiteral("visible.csv"), QStringLiteral("CSV (*.csv)"));
        if (const QString error = path.isEmpty() ? QString() : exportVisibleCsv(path); !error.isEmpty())
            QMessageBox::warning(this, QStringLiteral("Export visible data"), error);
    });
    exports->setMenu(menu);
    bar->addWidget(exports);

    bar->addStretch(1);
    cursor_label_ = new QLabel(this);
    bar->addWidget(cursor_label_);
    return bar;
}

void PlotArea::updateWindowBox()
{
    int index = window_box_->findData(QVariant::fromValue(static_cast<qint64>(window_.count())));
    if (index < 0) { // a length from a layout that is not one of the choices
        window_box_->addItem(QStringLiteral("%1 s").arg(static_cast<double>(window_.count()) / 1000.0),
                             QVariant::fromValue(static_cast<qint64>(window_.count())));
        index = window_box_->count() - 1;
    }
    window_box_->setCurrentIndex(index);
}

} // namespace streamscope::widgets
