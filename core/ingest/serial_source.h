#pragma once

#include "core/ingest/serial_port_settings.h"
#include "core/ingest/source.h"
#include "core/ingest/source_gap.h"
#include "core/protocol/channel_table.h"
#include "core/protocol/decoder_options.h"
#include "core/protocol/stream_decoder.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

struct SerialSourceOptions {
    SerialPortSettings port;
    DecoderOptions decoder;
    // Reopen attempts start after kFirstRetry and back off by doubling up to this.
    std::chrono::milliseconds max_retry_interval{1000};
};

// Reads a serial device on the ingest thread and decodes its byte stream (lines or binary frames,
// whatever the read boundaries) into the ingest ring.
//
// The device may come and go: when it disappears (unplugged, EOF, EIO) or is missing at start, the
// source keeps trying to reopen it with backoff (at most max_retry_interval between tries) and
// records the time it was away as a gap. A device that is busy (locked by another program), not
// permitted, or refuses the settings is an error reported by open(), since retrying will not fix it.
class SerialSource final : public Source {
public:
    static constexpr std::chrono::milliseconds kFirstRetry{50};
    static constexpr std::size_t kReadBytes = 64 * 1024;

    SerialSource(SourceId id, boost::asio::io_context& context, SerialSourceOptions options);
    ~SerialSource() override;

    // Opens the device now. A missing device is not an error (the source waits for it); otherwise returns
    // a one-line message naming the device, e.g. "serial:/dev/ttyUSB0: busy (another program has it open)".
    [[nodiscard]] std::optional<std::string> open();

    void start(BatchPublisher& publisher) override;
    void stop() override;

    // Any thread: the gaps so far (the last one open while the device is away), and whether it is open.
    [[nodiscard]] std::vector<SourceGap> gaps() const override;
    [[nodiscard]] bool connected() const;
    [[nodiscard]] const ChannelTable& channels() const { return channels_; }

private:
    enum class OpenResult { Open, Missing, Failed };
    OpenResult tryOpen(std::string& message);
    void readSome();
    void onRead(const boost::system::error_code& ec, std::size_t bytes);
    void decodeRead(std::size_t bytes);
    void deviceLost();
    void scheduleRetry();
    void beginGap(TimeNs now);
    void endGap(TimeNs now);

    SerialSourceOptions options_;
    boost::asio::serial_port port_;
    boost::asio::steady_timer retry_timer_;
    std::chrono::milliseconds retry_interval_{kFirstRetry};
    BatchPublisher* publisher_ = nullptr;
    ChannelTable channels_;
    std::unique_ptr<StreamDecoder> decoder_;
    std::vector<std::uint8_t> buffer_ = std::vector<std::uint8_t>(kReadBytes);
    bool running_ = false;

    mutable std::mutex gaps_mutex_; // gaps change once per unplug, never per sample
    std::vector<SourceGap> gaps_;
    bool connected_ = false;
};

} // namespace streamscope
