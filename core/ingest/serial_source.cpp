#include "core/ingest/serial_source.h"

#include "core/ingest/serial_baud_rate.h"
#include "core/pipeline/batch_publisher.h"

#include <boost/asio/error.hpp>

#include <cerrno>
#include <cstring>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace streamscope {

namespace {

TimeNs realtimeNow()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Errors that mean "the device is not there (now)": worth waiting for, unlike a busy or forbidden one.
bool meansMissing(int error)
{
    return error == ENOENT || error == ENODEV || error == ENXIO || error == EIO;
}

} // namespace

SerialSource::SerialSource(SourceId id, boost::asio::io_context& context, SerialSourceOptions options)
    : Source(id, "serial:" + options.port.device),
      options_(std::move(options)),
      port_(context),
      retry_timer_(context),
      channels_(options_.decoder.max_channels),
      decoder_(makeStreamDecoder(options_.decoder))
{
}

SerialSource::~SerialSource() = default;

std::optional<std::string> SerialSource::open()
{
    std::string message;
    switch (tryOpen(message)) {
    case OpenResult::Open: return std::nullopt;
    case OpenResult::Missing: beginGap(realtimeNow()); return std::nullopt;
    case OpenResult::Failed: return message;
    }
    return std::nullopt;
}

SerialSource::OpenResult SerialSource::tryOpen(std::string& message)
{
    namespace asio = boost::asio;
    boost::system::error_code ec;
    port_.open(options_.port.device, ec);
    if (ec) {
        message = name() + ": " + (ec.value() == ENOTTY ? "not a serial device: " : "") + ec.message();
        if (ec == asio::error::access_denied)
            message += " (not permitted: is the user in the 'dialout' group?)";
        return meansMissing(ec.value()) ? OpenResult::Missing : OpenResult::Failed;
    }
    const auto fail = [&](const std::string& what) {
        boost::system::error_code ignored;
        port_.close(ignored);
        message = name() + ": " + what;
        return OpenResult::Failed;
    };
    const int fd = port_.native_handle();
    // An advisory lock as well as TIOCEXCL: exclusive mode does not stop root, the lock does.
    if (::ioctl(fd, TIOCEXCL) != 0)
        return fail(std::string("not a serial device: ") + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
        return fail("busy (another program has it open)");

    using base = asio::serial_port_base;
    const auto parity = options_.port.parity == Parity::Even ? base::parity::even
        : options_.port.parity == Parity::Odd                ? base::parity::odd
                                                              : base::parity::none;
    const auto flow = options_.port.flow_control == FlowControl::Hardware ? base::flow_control::hardware
        : options_.port.flow_control == FlowControl::Software             ? base::flow_control::software
                                                                          : base::flow_control::none;
    port_.set_option(base::character_size(options_.port.data_bits), ec);
    if (!ec)
        port_.set_option(base::parity(parity), ec);
    if (!ec)
        port_.set_option(base::stop_bits(options_.port.stop_bits == 2 ? base::stop_bits::two : base::stop_bits::one),
                         ec);
    if (!ec)
        port_.set_option(base::flow_control(flow), ec);
    if (ec)
        return fail("cannot apply " + options_.port.toString() + ": " + ec.message());
    if (auto failure = setSerialBaudRate(fd, options_.port.baud_rate))
        return fail("baud rate " + std::to_string(options_.port.baud_rate) + " not accepted: " + *failure);
    {
        std::lock_guard lock(gaps_mutex_);
        connected_ = true;
    }
    return OpenResult::Open;
}

void SerialSource::start(BatchPublisher& publisher)
{
    publisher_ = &publisher;
    running_ = true;
    if (port_.is_open())
        readSome();
    else
        scheduleRetry();
}

void SerialSource::stop()
{
    running_ = false;
    boost::system::error_code ignored;
    retry_timer_.cancel();
    port_.cancel(ignored);
    port_.close(ignored);
}

void SerialSource::readSome()
{
    port_.async_read_some(boost::asio::buffer(buffer_),
                          [this](const boost::system::error_code& ec, std::size_t bytes) { onRead(ec, bytes); });
}

void SerialSource::onRead(const boost::system::error_code& ec, std::size_t bytes)
{
    if (!running_ || ec == boost::asio::error::operation_aborted)
        return;
    if (bytes > 0)
        decodeRead(bytes);
    if (ec) {
        // EOF: the other end of a pseudo-terminal closed; EIO/ENXIO: a USB adapter unplugged.
        deviceLost();
        return;
    }
    // A device that delivers faster than the reactor wakes us keeps its bytes queued: take what is there
    // with plain non-blocking reads (the port was opened O_NONBLOCK) before waiting again. Bounded, so
    // that one busy device cannot starve the other sources on the thread.
    constexpr int kMaxReadsPerWakeup = 16;
    for (int i = 0; i < kMaxReadsPerWakeup; ++i) {
        const ssize_t n = ::read(port_.native_handle(), buffer_.data(), buffer_.size());
        if (n > 0) {
            decodeRead(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        deviceLost(); // 0: end of file; other errors: the device went away
        return;
    }
    readSome();
}

void SerialSource::decodeRead(std::size_t bytes)
{
    SampleBatch& batch = publisher_->begin(id());
    DecodeOutput out(channels_, batch, counters_.errors);
    const std::uint64_t frames = decoder_->feed({buffer_.data(), bytes}, realtimeNow(), out);
    const std::size_t samples = batch.samples.size();
    const std::size_t dropped = publisher_->commit(channels_);
    SourceCounters::add(counters_.datagrams, 1);
    SourceCounters::add(counters_.bytes, bytes);
    SourceCounters::add(counters_.frames, frames);
    SourceCounters::add(counters_.samples, samples);
    SourceCounters::add(counters_.ring_drops, dropped);
}

void SerialSource::deviceLost()
{
    const TimeNs now = realtimeNow();
    SampleBatch& batch = publisher_->begin(id());
    DecodeOutput out(channels_, batch, counters_.errors);
    const std::uint64_t frames = decoder_->end(now, out);
    const std::size_t samples = batch.samples.size();
    SourceCounters::add(counters_.ring_drops, publisher_->commit(channels_));
    SourceCounters::add(counters_.frames, frames);
    SourceCounters::add(counters_.samples, samples);

    boost::system::error_code ignored;
    port_.close(ignored);
    beginGap(now);
    retry_interval_ = kFirstRetry;
    scheduleRetry();
}

void SerialSource::scheduleRetry()
{
    retry_timer_.expires_after(retry_interval_);
    retry_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || !running_)
            return;
        std::string message;
        switch (tryOpen(message)) {
        case OpenResult::Open:
            endGap(realtimeNow());
            retry_interval_ = kFirstRetry;
            readSome();
            return;
        case OpenResult::Missing:
        case OpenResult::Failed: break; // a device busy for a moment may become free: keep trying
        }
        retry_interval_ = std::min(retry_interval_ * 2, options_.max_retry_interval);
        scheduleRetry();
    });
}

void SerialSource::beginGap(TimeNs now)
{
    std::lock_guard lock(gaps_mutex_);
    connected_ = false;
    if (gaps_.empty() || gaps_.back().end_ns != 0)
        gaps_.push_back({now, 0});
}

void SerialSource::endGap(TimeNs now)
{
    std::lock_guard lock(gaps_mutex_);
    connected_ = true;
    if (!gaps_.empty() && gaps_.back().end_ns == 0)
        gaps_.back().end_ns = now;
}

std::vector<SourceGap> SerialSource::gaps() const
{
    std::lock_guard lock(gaps_mutex_);
    return gaps_;
}

bool SerialSource::connected() const
{
    std::lock_guard lock(gaps_mutex_);
    return connected_;
}

} // namespace streamscope
