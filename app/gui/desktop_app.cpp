#include "app/gui/desktop_app.h"

#include "app/cli/command.h"
#include "app/gui/main_window.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

#include <cstdlib>

namespace streamscope::gui {

namespace {
bool displayAvailable()
{
    return std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr
        || std::getenv("QT_QPA_PLATFORM") != nullptr;
}
} // namespace

int runDesktopApp(int argc, char** argv)
{
    if (!displayAvailable()) {
        cli::printError("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                        "headless commands such as 'streamscope monitor --demo' need none");
        return cli::kExitRuntimeError;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("StreamScope"));
    QApplication::setApplicationVersion(QStringLiteral(STREAMSCOPE_VERSION));
    QApplication::setOrganizationName(QStringLiteral("StreamScope"));
    // The installed desktop entry and icon (installer/): the window's icon and its match on Wayland.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.streamscope.StreamScope"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.streamscope.StreamScope")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Live telemetry plots, statistics and recording."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Start with the built-in demo stream.")});
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window a moment after it opens, then quit."),
        QStringLiteral("OUT.png"));
    parser.addOption(screenshot);
    // Not "--session": QGuiApplication takes that for X11 session management.
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("An archive (.h5) to view and replay, or a session file (.json) to "
                                                "start with."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    widgets::applyTheme(widgets::savedTheme());
    MainWindow window;
    window.show(); // first, so that opening an archive shows its progress and any error over the window
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty() && MainWindow::isArchivePath(files.first()))
        window.openArchiveFile(files.first());
    else if (!files.isEmpty())
        window.loadSession(files.first());
    else if (parser.isSet(QStringLiteral("demo")))
        window.startDemo();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        // A second lets the frame timer draw and the demo or replay fill the docks.
        QTimer::singleShot(1000, &window, [&window, path] {
            const bool saved = window.grab().save(path, "PNG");
            if (!saved)
                cli::printError("cannot write the screenshot " + path.toStdString());
            QApplication::exit(saved ? cli::kExitOk : cli::kExitRuntimeError);
        });
    }
    return QApplication::exec();
}

} // namespace streamscope::gui
