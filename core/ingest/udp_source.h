#pragma once

#include "core/ingest/sender_filter.h"
#include "core/ingest/source.h"
#include "core/ingest/udp_endpoint.h"
#include "core/protocol/channel_table.h"
#include "core/protocol/decoder.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/frame_decoder.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct mmsghdr;

namespace streamscope {

struct UdpSourceOptions {
    // The address to listen on. A multicast address means: bind the port on every interface of that
    // family and join the group.
    UdpEndpoint endpoint;
    // For multicast: the local interface address to join on; empty lets the kernel choose.
    std::string multicast_interface;
    // Requested kernel receive buffer; the kernel may grant less (see effectiveReceiveBuffer()).
    int receive_buffer_bytes = 8 * 1024 * 1024;
    // Datagrams from senders outside these networks are counted (rejected_senders) and dropped unread.
    SenderFilter allow_from;
    DecoderOptions decoder;
};

// Receives datagrams on the ingest thread, up to 64 per system call (recvmmsg), each stamped with the
// kernel's receive time (SO_TIMESTAMPNS) and decoded in place into the ingest ring. The kernel's own
// drop counter for the socket (SO_RXQ_OVFL) is read from every datagram's ancillary data.
class UdpSource final : public Source {
public:
    UdpSource(SourceId id, boost::asio::io_context& context, UdpSourceOptions options);
    ~UdpSource() override;

    // Opens and binds the socket. On failure returns a one-line message naming the address and the
    // reason (e.g. "udp:127.0.0.1:9000: Address already in use").
    [[nodiscard]] std::optional<std::string> open();

    void start(BatchPublisher& publisher) override;
    void stop() override;

    [[nodiscard]] int effectiveReceiveBuffer() const { return effective_receive_buffer_; }
    [[nodiscard]] std::uint16_t boundPort() const;
    [[nodiscard]] const ChannelTable& channels() const { return channels_; }

    static constexpr std::size_t kMaxDatagram = 65536;
    static constexpr unsigned kDatagramsPerCall = 64;

private:
    void waitForData();
    void drain();
    void receiveBatch(unsigned count);

    UdpSourceOptions options_;
    boost::asio::ip::udp::socket socket_;
    BatchPublisher* publisher_ = nullptr;
    ChannelTable channels_;
    std::unique_ptr<LineDecoder> decoder_;
    std::unique_ptr<FrameDecoder> frame_decoder_; // set for binary frames: each datagram holds whole frames
    int effective_receive_buffer_ = 0;
    bool running_ = false;
    TimeNs last_receive_time_ = 0; // arrival times handed out never go back (see receiveBatch)

    struct ReceiveBuffers;
    std::unique_ptr<ReceiveBuffers> buffers_;
};

} // namespace streamscope
