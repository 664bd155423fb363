#pragma once

#include "core/protocol/decoder_options.h"

#include <QCommandLineParser>

#include <string>

namespace streamscope::cli {

// --frame 'LAYOUT' and --framing sync|cobs|slip, shared by monitor (decoding) and generate (encoding).
void addBinaryOptions(QCommandLineParser& parser);

// True when the command line asks for binary frames (--format binary, --frame or --framing).
[[nodiscard]] bool wantsBinary(const QCommandLineParser& parser);

// Reads --frame and --framing into options.binary; on a bad value returns false with a one-line message
// naming it in `error`.
[[nodiscard]] bool readBinaryOptions(const QCommandLineParser& parser, DecoderOptions& options, std::string& error);

} // namespace streamscope::cli
