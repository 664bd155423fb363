#pragma once

#include <string_view>

namespace streamscope {

// Shell-style match of a whole channel name: `*` is any run of characters (dots included, so
// `fleet.*.heartbeat` covers every device), `?` is one character; everything else is literal.
[[nodiscard]] bool globMatches(std::string_view pattern, std::string_view name);

} // namespace streamscope
