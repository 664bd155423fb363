#pragma once

#include "core/engine.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace streamscope::cli {

// The source flags that every command taking live input shares: --udp and --serial (repeatable), --demo,
// and the decoder flags (--format, --separator, --time-column, ..., --frame, --framing).
struct SourceSetup {
    std::vector<UdpSourceOptions> udp;
    std::vector<SerialSourceOptions> serial;
    bool demo = false;
    DemoSourceOptions demo_options;
    EngineOptions engine;
};

void addSourceOptions(QCommandLineParser& parser);

// Reads the flags; on a bad value returns nullopt with a one-line message naming it in `error`.
// `sources_optional`: no --udp/--demo is fine (the sources come from a session file).
[[nodiscard]] std::optional<SourceSetup> readSourceOptions(const QCommandLineParser& parser, std::string& error,
                                                           bool sources_optional = false);

// Opens every source on `engine`; on failure returns the message of the first that failed.
[[nodiscard]] std::optional<std::string> applySourceSetup(const SourceSetup& setup, Engine& engine);

// Reads a decoder's flags alone (shared with `generate`, which formats instead of decoding).
[[nodiscard]] std::optional<DecoderOptions> readDecoderOptions(const QCommandLineParser& parser, std::string& error);

} // namespace streamscope::cli
