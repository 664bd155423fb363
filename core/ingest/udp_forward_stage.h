#pragma once

#include "core/ingest/udp_sender.h"
#include "core/pipeline/pipeline_stage.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/line_encoder.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace streamscope {

// Sends every sample on as a text line (one per sample, named, in a format whose lines carry the
// channel name: kv, influx, graphite or json) over UDP, packed into datagrams of up to ~1400 bytes.
// It is how `replay --to udp://HOST:PORT` turns an archive back into a live stream. The sender waits for
// socket buffer space rather than dropping, which stalls the pipeline thread: only use it on an engine
// whose one source can wait (a replay).
class UdpForwardStage final : public PipelineStage {
public:
    // Returns nullptr with a message in `error` for a format without channel names or a bad address.
    static std::unique_ptr<UdpForwardStage> create(const UdpEndpoint& destination, TextFormat format, std::string& error);

    void channelAdded(ChannelIndex channel, const ChannelInfo& info) override;
    void process(std::span<const ChannelSample> samples) override;
    void tick(TimeNs now_ns) override;
    void finish() override;

    [[nodiscard]] std::uint64_t samplesSent() const { return samples_sent_; }
    [[nodiscard]] const UdpSender& sender() const { return sender_; }

private:
    explicit UdpForwardStage(TextFormat format) : format_(format) {}
    void sendPending();

    TextFormat format_;
    UdpSender sender_;
    std::deque<std::string> names_; // by channel; stable, since each encoder holds a span of one
    std::vector<LineEncoder> encoders_;
    std::string datagram_;
    std::uint64_t samples_sent_ = 0;
};

} // namespace streamscope
