#pragma once

#include "core/pipeline/channel_store.h"
#include "core/pipeline/lod_series.h"

#include <string>
#include <vector>

namespace streamscope::widgets {

// A data source for the plots whose samples are all known up front (an archive), as opposed to a live
// ChannelStore: the channels are there from the start, and a plot asks for exact M4 columns of the range
// it shows at its width, so that the whole range draws from a level-of-detail overview and detail appears
// as the user zooms in.
class PlotArchive {
public:
    virtual ~PlotArchive() = default;

    // The channels, indexed by their position.
    [[nodiscard]] virtual std::vector<ChannelInfo> channelInfos() const = 0;
    // `out` gets range.width columns of `channel` over [range.from, range.to).
    virtual void query(ChannelIndex channel, M4Range range, std::vector<M4Column>& out) const = 0;
    // The time range the archive covers.
    [[nodiscard]] virtual TimeNs startTime() const = 0;
    [[nodiscard]] virtual TimeNs endTime() const = 0;
    // Where a view that follows the data ends: the replay position.
    [[nodiscard]] virtual TimeNs now() const = 0;
    // Writes every sample of `channels` in [from, to] to `path` as CSV in core's wide layout (as `streamscope
    // export`); returns what went wrong, naming the file, or an empty string.
    [[nodiscard]] virtual std::string exportCsv(const std::string& path, const std::vector<ChannelIndex>& channels,
                                                TimeNs from, TimeNs to) const = 0;
};

} // namespace streamscope::widgets
