#include "core/ingest/udp_forward_stage.h"

namespace streamscope {

namespace {
// Lines are packed up to this size: under a 1500-byte Ethernet MTU with IP and UDP headers.
constexpr std::size_t kDatagramBytes = 1400;
} // namespace

std::unique_ptr<UdpForwardStage> UdpForwardStage::create(const UdpEndpoint& destination, TextFormat format,
                                                         std::string& error)
{
    if (format == TextFormat::Csv || format == TextFormat::Auto) {
        error = "format '" + std::string(textFormatName(format))
                + "' has no channel names in its lines; use kv, influx, graphite or json";
        return nullptr;
    }
    std::unique_ptr<UdpForwardStage> stage(new UdpForwardStage(format));
    if (auto failure = stage->sender_.open(destination)) {
        error = *failure;
        return nullptr;
    }
    return stage;
}

void UdpForwardStage::channelAdded(ChannelIndex channel, const ChannelInfo& info)
{
    while (names_.size() <= channel) {
        names_.push_back(names_.size() == channel ? info.name : std::string());
        encoders_.emplace_back(format_, std::span<const std::string>(&names_.back(), 1), "replay");
    }
}

void UdpForwardStage::process(std::span<const ChannelSample> samples)
{
    for (const ChannelSample& sample : samples) {
        const std::size_t before = datagram_.size();
        encoders_[sample.channel].append(datagram_, sample.time_ns, std::span<const double>(&sample.value, 1));
        if (datagram_.size() > kDatagramBytes && before > 0) {
            // The line does not fit: send what came before it, and start the next datagram with it.
            const std::string line = datagram_.substr(before);
            datagram_.resize(before);
            sender_.queue(datagram_);
            datagram_ = line;
        }
        ++samples_sent_;
    }
}

void UdpForwardStage::tick(TimeNs /*now_ns*/) { sendPending(); }

void UdpForwardStage::finish() { sendPending(); }

void UdpForwardStage::sendPending()
{
    if (!datagram_.empty()) {
        sender_.queue(datagram_);
        datagram_.clear();
    }
    sender_.flush();
}

} // namespace streamscope
