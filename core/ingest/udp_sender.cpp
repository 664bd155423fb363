#include "core/ingest/udp_sender.h"

#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace streamscope {

UdpSender::~UdpSender()
{
    if (fd_ >= 0)
        ::close(fd_);
}

std::optional<std::string> UdpSender::open(const UdpEndpoint& destination)
{
    sockaddr_storage address{};
    socklen_t length = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    if (::inet_pton(AF_INET, destination.address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(destination.port);
        length = sizeof *v4;
    } else if (::inet_pton(AF_INET6, destination.address.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(destination.port);
        length = sizeof *v6;
    } else {
        return "bad destination address '" + destination.address + "'";
    }
    fd_ = ::socket(address.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0)
        return "cannot open UDP socket: " + std::string(std::strerror(errno));
    const int send_buffer = 4 * 1024 * 1024;
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &send_buffer, sizeof send_buffer);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0)
        return "cannot send to udp:" + destination.toString() + ": " + std::strerror(errno);
    return std::nullopt;
}

void UdpSender::queue(std::string_view datagram)
{
    pending_[queued_].assign(datagram);
    if (++queued_ == kBatch)
        flush();
}

void UdpSender::flush()
{
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> headers{};
    for (std::size_t i = 0; i < queued_; ++i) {
        iov[i] = {pending_[i].data(), pending_[i].size()};
        headers[i].msg_hdr.msg_iov = &iov[i];
        headers[i].msg_hdr.msg_iovlen = 1;
    }
    std::size_t sent = 0;
    while (sent < queued_) {
        const int n = ::sendmmsg(fd_, headers.data() + sent, static_cast<unsigned>(queued_ - sent), 0);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == ENOBUFS) {
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, 10);
            continue;
        }
        // ECONNREFUSED: nobody listens (yet). Count it and move on; UDP has no delivery guarantee.
        ++send_errors_;
        last_error_ = std::strerror(errno);
        ++sent;
    }
    datagrams_sent_ += queued_;
    queued_ = 0;
}

} // namespace streamscope
