#pragma once

#include <string>

namespace streamscope {

// How a channel is named, shown and converted, as the session file's "channels" section describes it.
struct ChannelMetadata {
    std::string name;         // the channel name as decoded, matched exactly (no globs)
    std::string display_name; // empty: the name
    std::string unit;
    double scale = 1.0;       // engineering value = raw * scale + offset
    double offset = 0.0;
};

// raw * scale + offset, applied once on the pipeline thread before any stage sees the value. Without a
// conversion the raw value passes bit for bit (raw * 1 + 0 would turn -0.0 into +0.0).
class LinearConversion {
public:
    LinearConversion() = default;
    LinearConversion(double scale, double offset)
        : scale_(scale), offset_(offset), identity_(scale == 1.0 && offset == 0.0)
    {
    }
    [[nodiscard]] double apply(double raw) const { return identity_ ? raw : raw * scale_ + offset_; }

private:
    double scale_ = 1.0;
    double offset_ = 0.0;
    bool identity_ = true;
};

} // namespace streamscope
