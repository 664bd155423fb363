#pragma once

#include <QString>

namespace streamscope::widgets {

enum class Theme { Light, Dark };

// Applies the theme to the whole application (Fusion style with a light or dark palette).
void applyTheme(Theme theme);
[[nodiscard]] QString themeName(Theme theme);
// "dark" is Dark; anything else (a missing setting) is Light.
[[nodiscard]] Theme themeFromName(const QString& name);
// The user's choice, persisted with QSettings.
[[nodiscard]] Theme savedTheme();
void saveTheme(Theme theme);

} // namespace streamscope::widgets
