// PlotArea's layout as JSON, for the session file's GUI section:
//   {"format": "streamscope-plot-layout", "version": 1, "window_ms": 10000, "plots": NODE}
//   NODE = {"split": "horizontal" | "vertical", "sizes": [int, ...], "children": [NODE, ...]}
//        | {"channels": ["name", ...], "y_range": "auto" | [low, high]}
#include "widgets/plot_area.h"

#include "widgets/plot_view.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSplitter>

namespace streamscope::widgets {

namespace {

const QString kFormat = QStringLiteral("streamscope-plot-layout");
constexpr int kVersion = 1;

QString orientationName(Qt::Orientation orientation)
{
    return orientation == Qt::Horizontal ? QStringLiteral("horizontal") : QStringLiteral("vertical");
}

// A JSON value as it was written, for messages: "sideways", 12, null.
QString describe(const QJsonValue& value)
{
    if (value.isUndefined())
        return QStringLiteral("nothing");
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// Checks a node before anything is built, so that a bad layout leaves the plots as they were.
bool validateNode(const QJsonValue& value, const QString& path, QString* error)
{
    // `what` begins with the key it is about, if any: "y_range: expected ..." reads "PATH.y_range: ...".
    const auto fail = [&](const QString& what) {
        if (error)
            *error = path + (what.startsWith(QStringLiteral("expected")) ? QStringLiteral(": ") : QStringLiteral("."))
                + what;
        return false;
    };
    if (!value.isObject())
        return fail(QStringLiteral("expected an object (a split or a plot)"));
    const QJsonObject node = value.toObject();
    if (node.contains(QStringLiteral("split"))) {
        const QString split = node[QStringLiteral("split")].toString();
        if (split != QStringLiteral("horizontal") && split != QStringLiteral("vertical"))
            return fail(QStringLiteral("split: expected \"horizontal\" or \"vertical\", got %1")
                            .arg(describe(node[QStringLiteral("split")])));
        const QJsonArray children = node[QStringLiteral("children")].toArray();
        if (children.isEmpty())
            return fail(QStringLiteral("children: expected a non-empty array of plots and splits"));
        const QJsonArray sizes = node[QStringLiteral("sizes")].toArray();
        if (!sizes.isEmpty() && sizes.size() != children.size())
            return fail(QStringLiteral("sizes: expected %1 sizes, one per child, got %2").arg(children.size()).arg(sizes.size()));
        for (qsizetype i = 0; i < children.size(); ++i)
            if (!validateNode(children[i], path + QStringLiteral(".children[%1]").arg(i), error))
                return false;
        return true;
    }
    const QJsonValue channels = node[QStringLiteral("channels")];
    if (!channels.isUndefined() && !channels.isArray())
        return fail(QStringLiteral("channels: expected an array of channel names"));
    for (qsizetype i = 0; i < channels.toArray().size(); ++i)
        if (!channels.toArray()[i].isString())
            return fail(QStringLiteral("channels[%1]: expected a channel name (a string)").arg(i));
    const QJsonValue y_range = node[QStringLiteral("y_range")];
    const QJsonArray bounds = y_range.toArray();
    const bool automatic = y_range.isUndefined() || y_range.toString() == QStringLiteral("auto");
    const bool fixed = bounds.size() == 2 && bounds[0].isDouble() && bounds[1].isDouble()
        && bounds[0].toDouble() < bounds[1].toDouble();
    if (!automatic && !fixed)
        return fail(QStringLiteral("y_range: expected \"auto\" or [low, high] with low < high"));
    return true;
}

QList<int> sizesOf(const QJsonObject& split)
{
    QList<int> sizes;
    for (const QJsonValue& size : split[QStringLiteral("sizes")].toArray())
        sizes << size.toInt();
    return sizes;
}

Qt::Orientation orientationOf(const QJsonObject& split)
{
    return split[QStringLiteral("split")].toString() == QStringLiteral("horizontal") ? Qt::Horizontal : Qt::Vertical;
}

} // namespace

QJsonObject PlotArea::saveLayout() const
{
    return {{QStringLiteral("format"), kFormat},
            {QStringLiteral("version"), kVersion},
            {QStringLiteral("window_ms"), static_cast<qint64>(window_.count())},
            {QStringLiteral("plots"), saveNode(root_)}};
}

QJsonObject PlotArea::saveNode(QWidget* node) const
{
    if (const auto* plot = qobject_cast<const PlotView*>(node)) {
        QJsonArray channels;
        for (const ChannelIndex channel : plot->channels())
            channels.append(series_.name(channel));
        for (const QString& name : plot->pendingChannels()) // not here yet, still wanted
            channels.append(name);
        QJsonValue y_range = QStringLiteral("auto");
        if (const auto fixed = plot->fixedYRange())
            y_range = QJsonArray{fixed->lower, fixed->upper};
        return {{QStringLiteral("channels"), channels}, {QStringLiteral("y_range"), y_range}};
    }
    const auto* splitter = qobject_cast<const QSplitter*>(node);
    QJsonArray children;
    QJsonArray sizes;
    for (int i = 0; i < splitter->count(); ++i) {
        children.append(saveNode(splitter->widget(i)));
        sizes.append(splitter->sizes().value(i));
    }
    return {{QStringLiteral("split"), orientationName(splitter->orientation())},
            {QStringLiteral("sizes"), sizes},
            {QStringLiteral("children"), children}};
}

bool PlotArea::restoreLayout(const QJsonObject& layout, QString* error)
{
    const auto fail = [&](const QString& what) {
        if (error)
            *error = QStringLiteral("plot layout: ") + what;
        return false;
    };
    if (layout[QStringLiteral("format")].toString() != kFormat)
        return fail(QStringLiteral("format: expected \"%1\"").arg(kFormat));
    if (layout[QStringLiteral("version")].toInt() != kVersion)
        return fail(QStringLiteral("version: expected %1, got %2").arg(kVersion).arg(describe(layout[QStringLiteral("version")])));
    const qint64 window_ms = layout[QStringLiteral("window_ms")].toInteger(-1);
    if (window_ms < kMinWindow.count() || window_ms > kMaxWindow.count())
        return fail(QStringLiteral("window_ms: expected %1 to %2, got %3")
                        .arg(kMinWindow.count())
                        .arg(kMaxWindow.count())
                        .arg(describe(layout[QStringLiteral("window_ms")])));
    QString node_error;
    if (!validateNode(layout[QStringLiteral("plots")], QStringLiteral("plots"), &node_error))
        return fail(node_error);

    auto_arrange_ = false;
    const std::vector<ChannelIndex> before = shownChannels();
    for (PlotView* plot : plots())
        forgetPlot(plot);
    while (root_->count() > 0) { // the emptied splitters of the old layout
        QWidget* old = root_->widget(0);
        old->hide();
        old->setParent(nullptr);
        old->deleteLater();
    }
    const QJsonObject top = layout[QStringLiteral("plots")].toObject();
    if (top.contains(QStringLiteral("split"))) {
        root_->setOrientation(orientationOf(top));
        for (const QJsonValue& child : top[QStringLiteral("children")].toArray())
            root_->addWidget(buildNode(child.toObject()));
        if (const QList<int> sizes = sizesOf(top); !sizes.isEmpty())
            root_->setSizes(sizes);
    } else {
        root_->setOrientation(Qt::Vertical);
        root_->addWidget(buildNode(top));
    }
    setCurrentPlot(plots().front());
    setWindow(std::chrono::milliseconds(window_ms));
    for (PlotView* plot : plots())
        plot->attachPendingChannels();
    setVisibleChannels(before);
    refresh();
    return true;
}

QWidget* PlotArea::buildNode(const QJsonObject& node)
{
    if (!node.contains(QStringLiteral("split"))) {
        PlotView* plot = createPlot();
        QStringList names;
        for (const QJsonValue& name : node[QStringLiteral("channels")].toArray())
            names << name.toString();
        names.removeDuplicates();
        plot->setPendingChannels(names);
        const QJsonArray bounds = node[QStringLiteral("y_range")].toArray();
        if (bounds.size() == 2)
            plot->setFixedYRange({bounds[0].toDouble(), bounds[1].toDouble()});
        return plot;
    }
    auto* splitter = new QSplitter(orientationOf(node));
    splitter->setChildrenCollapsible(false);
    for (const QJsonValue& child : node[QStringLiteral("children")].toArray())
        splitter->addWidget(buildNode(child.toObject()));
    if (const QList<int> sizes = sizesOf(node); !sizes.isEmpty())
        splitter->setSizes(sizes);
    return splitter;
}

} // namespace streamscope::widgets
