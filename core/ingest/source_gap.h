#pragma once

#include "core/pipeline/sample.h"

namespace streamscope {

// A time a source could not deliver: a serial device unplugged (or missing at start) until it
// returned. `end_ns` is 0 while the gap is still open.
struct SourceGap {
    TimeNs start_ns = 0;
    TimeNs end_ns = 0;
};

} // namespace streamscope
