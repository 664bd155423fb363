#pragma once

#include "core/session/session_config.h"

#include <QByteArray>
#include <QJsonObject>

namespace streamscope {

// The session as JSON that parseSession() reads back to the same config. Defaults are left out,
// and the "gui" section is written back exactly as it was read.
[[nodiscard]] QJsonObject sessionToJson(const SessionConfig& config);
[[nodiscard]] QByteArray saveSession(const SessionConfig& config);

} // namespace streamscope
