#include "core/ingest/udp_source.h"

#include "core/pipeline/batch_publisher.h"
#include "core/protocol/line_decoder_factory.h"

#include <boost/asio/ip/multicast.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <sys/socket.h>
#include <sys/uio.h>

namespace streamscope {

namespace {

TimeNs realtimeNow()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

// recvmmsg() state, allocated once: the datagram buffers, their iovecs, and room for the ancillary
// data (receive timestamp and drop counter) of each.
struct UdpSource::ReceiveBuffers {
    static constexpr std::size_t kControlBytes = CMSG_SPACE(sizeof(timespec)) + CMSG_SPACE(sizeof(std::uint32_t));
    std::vector<char> data = std::vector<char>(kMaxDatagram * kDatagramsPerCall);
    std::array<iovec, kDatagramsPerCall> iov{};
    std::array<mmsghdr, kDatagramsPerCall> headers{};
    std::array<std::array<char, kControlBytes>, kDatagramsPerCall> control{};
    std::array<sockaddr_storage, kDatagramsPerCall> senders{};

    void reset()
    {
        for (unsigned i = 0; i < kDatagramsPerCall; ++i) {
            iov[i] = {data.data() + i * kMaxDatagram, kMaxDatagram};
            headers[i] = {};
            headers[i].msg_hdr.msg_iov = &iov[i];
            headers[i].msg_hdr.msg_iovlen = 1;
            headers[i].msg_hdr.msg_name = &senders[i];
            headers[i].msg_hdr.msg_namelen = sizeof senders[i];
            headers[i].msg_hdr.msg_control = control[i].data();
            headers[i].msg_hdr.msg_controllen = control[i].size();
        }
    }
};

UdpSource::UdpSource(SourceId id, boost::asio::io_context& context, UdpSourceOptions options)
    : Source(id, "udp:" + options.endpoint.toString()),
      options_(std::move(options)),
      socket_(context),
      channels_(options_.decoder.max_channels),
      decoder_(makeLineDecoder(options_.decoder)),
      frame_decoder_(options_.decoder.binary
                         ? std::make_unique<FrameDecoder>(options_.decoder.binary->layout, options_.decoder.binary->framing)
                         : nullptr),
      buffers_(std::make_unique<ReceiveBuffers>())
{
}

UdpSource::~UdpSource() = default;

std::optional<std::string> UdpSource::open()
{
    namespace ip = boost::asio::ip;
    boost::system::error_code ec;
    const auto fail = [this](const std::string& what, const boost::system::error_code& error) {
        boost::system::error_code ignored;
        socket_.close(ignored);
        return name() + ": " + what + error.message();
    };

    const ip::address address = ip::make_address(options_.endpoint.address, ec);
    if (ec)
        return name() + ": bad address: " + ec.message();
    const bool multicast = address.is_multicast();
    const ip::udp protocol = address.is_v6() ? ip::udp::v6() : ip::udp::v4();

    socket_.open(protocol, ec);
    if (ec)
        return fail("cannot open socket: ", ec);
    if (multicast) {
        // Several listeners on one host may share a multicast group's port.
        socket_.set_option(ip::udp::socket::reuse_address(true), ec);
    }

    const int fd = socket_.native_handle();
    if (options_.receive_buffer_bytes > 0) {
        const int requested = options_.receive_buffer_bytes;
        // SO_RCVBUFFORCE passes rmem_max when we may; otherwise take what SO_RCVBUF grants.
        if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &requested, sizeof requested) != 0)
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &requested, sizeof requested);
    }
    socklen_t length = sizeof effective_receive_buffer_;
    ::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &effective_receive_buffer_, &length);

    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);

    const ip::address bind_address = multicast
        ? (address.is_v6() ? ip::address(ip::address_v6::any()) : ip::address(ip::address_v4::any()))
        : address;
    socket_.bind(ip::udp::endpoint(bind_address, options_.endpoint.port), ec);
    if (ec)
        return fail("cannot listen: ", ec);
    if (options_.endpoint.port == 0) // name the port the kernel chose
        setName("udp:" + UdpEndpoint{options_.endpoint.address, boundPort()}.toString());

    if (multicast) {
        if (address.is_v4() && !options_.multicast_interface.empty()) {
            const auto interface_address = ip::make_address_v4(options_.multicast_interface, ec);
            if (ec)
                return fail("bad multicast interface '" + options_.multicast_interface + "': ", ec);
            socket_.set_option(ip::multicast::join_group(address.to_v4(), interface_address), ec);
        } else {
            socket_.set_option(ip::multicast::join_group(address), ec);
        }
        if (ec)
            return fail("cannot join multicast group: ", ec);
    }
    socket_.non_blocking(true, ec);
    if (ec)
        return fail("cannot make socket non-blocking: ", ec);
    return std::nullopt;
}

std::uint16_t UdpSource::boundPort() const
{
    boost::system::error_code ec;
    const auto endpoint = socket_.local_endpoint(ec);
    return ec ? 0 : endpoint.port();
}

void UdpSource::start(BatchPublisher& publisher)
{
    publisher_ = &publisher;
    running_ = socket_.is_open();
    if (running_)
        waitForData();
}

void UdpSource::stop()
{
    running_ = false;
    boost::system::error_code ignored;
    socket_.cancel(ignored);
}

void UdpSource::waitForData()
{
    socket_.async_wait(boost::asio::ip::udp::socket::wait_read, [this](const boost::system::error_code& ec) {
        if (ec || !running_)
            return;
        drain();
        waitForData();
    });
}

void UdpSource::drain()
{
    // Bounded so that one busy socket cannot starve the other sources on the thread.
    constexpr int kMaxCallsPerWakeup = 32;
    for (int call = 0; call < kMaxCallsPerWakeup; ++call) {
        buffers_->reset();
        const int received = ::recvmmsg(socket_.native_handle(), buffers_->headers.data(), kDatagramsPerCall,
                                        MSG_DONTWAIT, nullptr);
        if (received <= 0)
            return; // EAGAIN: drained. Other errors (ECONNREFUSED from ICMP) are transient for UDP.
        receiveBatch(static_cast<unsigned>(received));
        if (static_cast<unsigned>(received) < kDatagramsPerCall)
            return;
    }
}

void UdpSource::receiveBatch(unsigned count)
{
    SampleBatch& batch = publisher_->begin(id());
    DecodeOutput out(channels_, batch, counters_.errors);
    const TimeNs fallback_time = realtimeNow();
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0;
    std::uint64_t rejected = 0;
    for (unsigned i = 0; i < count; ++i) {
        msghdr& header = buffers_->headers[i].msg_hdr;
        const std::size_t length = buffers_->headers[i].msg_len;
        if (!options_.allow_from.allowsEveryone()
            && !options_.allow_from.allows(*reinterpret_cast<const sockaddr*>(&buffers_->senders[i]))) {
            ++rejected; // not even decoded: bytes from a sender the user did not allow reach nothing
            continue;
        }
        TimeNs receive_time = fallback_time;
        for (cmsghdr* c = CMSG_FIRSTHDR(&header); c != nullptr; c = CMSG_NXTHDR(&header, c)) {
            if (c->cmsg_level != SOL_SOCKET)
                continue;
            if (c->cmsg_type == SO_TIMESTAMPNS) {
                timespec ts{};
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                receive_time = TimeNs{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
            } else if (c->cmsg_type == SO_RXQ_OVFL) {
                std::uint32_t dropped = 0;
                std::memcpy(&dropped, CMSG_DATA(c), sizeof dropped);
                // The kernel reports the socket's running total.
                counters_.kernel_drops.store(dropped, std::memory_order_relaxed);
            }
        }
        // Arrival times are kept in arrival order. The kernel's stamps can go back: for a moment after a
        // socket asks for them, Linux turns stamping on asynchronously (a deferred work item), so early
        // datagrams are stamped when read and later ones when they arrived, which is earlier. A step
        // back of the realtime clock does the same. Out-of-order arrival times would keep those samples
        // out of the plots' history (counted as out_of_order), so the newest time handed out holds.
        receive_time = std::max(receive_time, last_receive_time_);
        last_receive_time_ = receive_time;
        if (header.msg_flags & MSG_TRUNC)
            out.error(DecodeError::Oversized, "datagram larger than 64 KiB truncated");
        bytes += length;
        const void* data = header.msg_iov->iov_base;
        if (frame_decoder_)
            frames += frame_decoder_->feedDatagram({static_cast<const std::uint8_t*>(data), length}, receive_time, out);
        else
            frames += decodeLines(*decoder_, {static_cast<const char*>(data), length}, receive_time, out);
    }
    const std::size_t samples = batch.samples.size();
    const std::size_t dropped = publisher_->commit(channels_);
    SourceCounters::add(counters_.datagrams, count);
    SourceCounters::add(counters_.bytes, bytes);
    SourceCounters::add(counters_.frames, frames);
    SourceCounters::add(counters_.samples, samples);
    SourceCounters::add(counters_.ring_drops, dropped);
    SourceCounters::add(counters_.rejected_senders, rejected);
}

} // namespace streamscope
