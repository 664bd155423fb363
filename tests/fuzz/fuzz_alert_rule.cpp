// The alert-rule language on arbitrary text: a rule is parsed or refused with a message, never more.
#include "core/processing/alert_rule_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace streamscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string error;
    const auto rule = parseAlertRule(std::string_view(reinterpret_cast<const char*>(data), size), error);
    if (!rule && error.empty())
        std::abort(); // a refusal must say why
    return 0;
}
