#include "app/gui/desktop_app.h"

#include "app/cli/command.h"
#include "app/gui/main_window.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>

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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Live telemetry plots, statistics and recording."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Start with the built-in demo stream.")});
    // Not "--session": QGuiApplication takes that for X11 session management.
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A session file (.json) to start with; archives (.h5) open once "
                                                "replay arrives."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    widgets::applyTheme(widgets::savedTheme());
    MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty() && files.first().endsWith(QStringLiteral(".h5")))
        window.openArchive();
    else if (!files.isEmpty())
        window.loadSession(files.first());
    else if (parser.isSet(QStringLiteral("demo")))
        window.startDemo();
    window.show();
    return QApplication::exec();
}

} // namespace streamscope::gui
