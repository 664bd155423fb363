#pragma once

#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"

#include <memory>

namespace streamscope {

// A fresh decoder (with its own per-source state) for `options.format`.
[[nodiscard]] std::unique_ptr<LineDecoder> makeLineDecoder(const DecoderOptions& options);

} // namespace streamscope
