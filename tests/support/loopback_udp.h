#pragma once

// Real UDP sockets on 127.0.0.1 for tests, with plain POSIX calls: QtNetwork's sockets consult the
// system proxy configuration (libproxy), which is not ThreadSanitizer-clean and is not needed here.
#include <QByteArray>
#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace streamscope::test {

// A UDP socket bound to 127.0.0.1:port (0: any free port); closed when it goes out of scope.
class LoopbackUdpSocket {
public:
    explicit LoopbackUdpSocket(quint16 port = 0) : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in address = loopback(port);
        bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~LoopbackUdpSocket() { ::close(fd_); }
    LoopbackUdpSocket(const LoopbackUdpSocket&) = delete;
    LoopbackUdpSocket& operator=(const LoopbackUdpSocket&) = delete;

    [[nodiscard]] bool bound() const { return bound_; }
    [[nodiscard]] quint16 port() const { return port_; }

    // Sends one datagram to 127.0.0.1:port; returns the bytes sent, or -1.
    qint64 sendTo(quint16 port, const QByteArray& datagram) const
    {
        const sockaddr_in to = loopback(port);
        return ::sendto(fd_, datagram.constData(), static_cast<std::size_t>(datagram.size()), 0,
                        reinterpret_cast<const sockaddr*>(&to), sizeof to);
    }

private:
    static sockaddr_in loopback(quint16 port)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        return address;
    }

    int fd_;
    bool bound_ = false;
    quint16 port_ = 0;
};

// A port that was free a moment ago.
inline quint16 freeUdpPort() { return LoopbackUdpSocket(0).port(); }

// True once something holds the port (a child process has bound it).
inline bool udpPortTaken(quint16 port) { return !LoopbackUdpSocket(port).bound(); }

} // namespace streamscope::test
