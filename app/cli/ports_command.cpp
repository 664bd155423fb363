#include "app/cli/command.h"
#include "core/ingest/serial_port_list.h"

#include <QCommandLineParser>

#include <cstdio>

namespace streamscope::cli {

int runPorts(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List serial ports: the device path, and the stable /dev/serial/by-id name where the\n"
                       "kernel gives one (use either with --serial)."));
    parser.addHelpOption();
    if (const auto exit_code = parseCommandLine(parser, arguments, "ports"))
        return *exit_code;

    const std::vector<SerialPortEntry> ports = listSerialPorts();
    if (ports.empty()) {
        std::printf("no serial ports found\n");
        return kExitOk;
    }
    for (const SerialPortEntry& port : ports)
        std::printf("%-16s %s\n", port.device.c_str(), port.by_id.c_str());
    return kExitOk;
}

} // namespace streamscope::cli
