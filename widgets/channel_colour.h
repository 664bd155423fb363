#pragma once

#include "core/pipeline/channel_store.h"

#include <QColor>

#include <array>

namespace streamscope::widgets {

// The colour a channel has everywhere in the GUI (plot curve, channel list). Okabe-Ito: distinguishable
// on light backgrounds and for the common colour-vision deficiencies.
inline QColor channelColour(ChannelIndex channel)
{
    static const std::array<QColor, 8> kPalette = {QColor(0, 114, 178),  QColor(230, 159, 0), QColor(0, 158, 115),
                                                   QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                                   QColor(240, 228, 66),  QColor(0, 0, 0)};
    return kPalette[channel % kPalette.size()];
}

} // namespace streamscope::widgets
