#pragma once

#include "core/ingest/udp_endpoint.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamscope {

// A connected UDP socket that sends queued datagrams in batches (sendmmsg). Used by the load
// generator and by archive replay to a live stream; it waits for socket buffer space rather than
// dropping, since a sender's job is to deliver what it was asked to send.
class UdpSender {
public:
    UdpSender() = default;
    ~UdpSender();
    UdpSender(const UdpSender&) = delete;
    UdpSender& operator=(const UdpSender&) = delete;

    // Returns an error message naming the destination, or nullopt.
    [[nodiscard]] std::optional<std::string> open(const UdpEndpoint& destination);

    // Queues one datagram (copied); sends when 64 are queued.
    void queue(std::string_view datagram);
    // Sends everything queued.
    void flush();

    [[nodiscard]] std::uint64_t datagramsSent() const { return datagrams_sent_; }
    [[nodiscard]] std::uint64_t sendErrors() const { return send_errors_; }
    [[nodiscard]] const std::string& lastError() const { return last_error_; }

private:
    static constexpr std::size_t kBatch = 64;
    int fd_ = -1;
    std::vector<std::string> pending_ = std::vector<std::string>(kBatch);
    std::size_t queued_ = 0;
    std::uint64_t datagrams_sent_ = 0;
    std::uint64_t send_errors_ = 0;
    std::string last_error_;
};

} // namespace streamscope
