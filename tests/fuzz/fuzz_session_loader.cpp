// Session files: arbitrary bytes through the JSON parse and the whole validation. A session is loaded,
// or refused with at least one problem naming where.
#include "core/session/session_loader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace streamscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const SessionLoadResult result = parseSession(json);
    if (result.config.has_value() == !result.problems.empty())
        std::abort(); // either a config or problems, never both or neither
    return 0;
}
