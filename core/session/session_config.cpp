#include "core/session/session_config.h"

namespace streamscope {

std::string_view sourceTypeName(SourceType type)
{
    switch (type) {
    case SourceType::Udp: return "udp";
    case SourceType::Demo: return "demo";
    case SourceType::Serial: return "serial";
    }
    return "udp";
}

std::string_view serialFramingName(SerialFraming framing)
{
    switch (framing) {
    case SerialFraming::None: return "none";
    case SerialFraming::Cobs: return "cobs";
    case SerialFraming::Slip: return "slip";
    }
    return "none";
}

} // namespace streamscope
