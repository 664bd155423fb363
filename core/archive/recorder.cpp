#include "core/archive/recorder.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace streamscope {

namespace {

TimeNs wallClockNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::size_t queueSlots(const RecorderOptions& options)
{
    if (options.queue_slots > 0)
        return options.queue_slots;
    const std::size_t chunk_bytes = std::max<std::size_t>(options.writer.chunk_samples, 1) * 16;
    return std::max<std::size_t>(64, options.queue_bytes / chunk_bytes);
}

} // namespace

Recorder::Recorder(RecorderOptions options)
    : options_(std::move(options)), queue_(queueSlots(options_)),
      pool_(std::max<std::size_t>(options_.writer.chunk_samples, 1))
{
}

Recorder::~Recorder()
{
    stop();
    if (writer_)
        writer_->abandon();
}

std::string Recorder::segmentPath(const std::string& pattern, TimeNs start_ns, int segment, bool rotating)
{
    std::string format = pattern;
    const bool has_fields = format.find('%') != std::string::npos;
    if (!has_fields && !rotating)
        return pattern;
    if (!has_fields) {
        // "run.h5" becomes "run-20261125T083000Z-0001.h5": sortable, and unique even for sub-second files.
        const std::size_t slash = format.find_last_of('/');
        const std::size_t dot = format.find_last_of('.');
        const std::size_t stem_end = dot == std::string::npos || (slash != std::string::npos && dot < slash)
                                         ? format.size()
                                         : dot;
        char suffix[32];
        std::snprintf(suffix, sizeof suffix, "-%04d", segment + 1);
        format = format.substr(0, stem_end) + "-%Y%m%dT%H%M%SZ" + suffix + format.substr(stem_end);
    }
    const std::time_t seconds = static_cast<std::time_t>(start_ns / 1'000'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[4096];
    const std::size_t length = std::strftime(buffer, sizeof buffer, format.c_str(), &utc);
    return length == 0 ? pattern : std::string(buffer, length);
}

void Recorder::open() { openSegment(); }

void Recorder::openSegment()
{
    const bool rotating = options_.rotate_bytes > 0 || options_.rotate_duration.count() > 0;
    ArchiveWriterOptions writer_options = options_.writer;
    writer_options.start_time_ns = wallClockNs();
    writer_options.segment = segment_;
    std::string path = segmentPath(options_.path, writer_options.start_time_ns, segment_, rotating);
    if (std::find(files_.begin(), files_.end(), path) != files_.end()) {
        // A strftime pattern coarser than the rotation would name two files alike; never truncate one.
        const std::size_t dot = path.find_last_of('.');
        const std::size_t at = dot == std::string::npos || path.find('/', dot) != std::string::npos ? path.size() : dot;
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-%04d", segment_ + 1);
        path = path.substr(0, at) + suffix + path.substr(at);
    }
    writer_ = ArchiveWriter::create(path, writer_options);
    for (const auto& [index, info] : channels_)
        writer_->addChannel(index, info);
    last_flush_ = std::chrono::steady_clock::now();
    std::lock_guard lock(status_mutex_);
    current_path_ = path;
    files_.push_back(path);
}

void Recorder::start()
{
    if (!writer_)
        open();
    running_.store(true, std::memory_order_release);
    thread_ = std::thread([this] { run(); });
}

void Recorder::stop()
{
    if (!thread_.joinable())
        return;
    running_.store(false, std::memory_order_release);
    thread_.join();
    if (!writer_)
        return;
    try {
        closeSegment();
        writer_.reset();
    } catch (const ArchiveError& error) {
        fail(error.what());
    }
}

void Recorder::run()
{
    silenceHdf5Errors();
    for (;;) {
        RecorderMessage* message = queue_.front();
        if (message == nullptr) {
            if (!running_.load(std::memory_order_acquire)) {
                // The producer stopped before running_ was cleared: one last look drains everything.
                if ((message = queue_.front()) == nullptr)
                    break;
            } else {
                flushIfOverdue();
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                continue;
            }
        }
        handle(*message);
        queue_.pop();
        flushIfOverdue();
    }
}

void Recorder::flushIfOverdue()
{
    // The stage asks for a flush every flush_interval; this only covers a pipeline that stopped ticking.
    if (writer_ && std::chrono::steady_clock::now() - last_flush_ >= 2 * options_.flush_interval)
        flushNow();
}

void Recorder::handle(RecorderMessage& message)
{
    if (message.kind == RecorderMessage::Kind::ChannelAdded)
        channels_.emplace_back(message.channel, message.info);
    const bool columns = message.kind == RecorderMessage::Kind::Columns;
    if (!writer_) {
        if (columns)
            dropped_after_failure_.fetch_add(message.count, std::memory_order_relaxed);
    } else {
        try {
            switch (message.kind) {
            case RecorderMessage::Kind::Columns:
                writer_->appendColumns(message.channel, message.block->times.data(), message.block->values.data(),
                                       message.count);
                samples_received_.fetch_add(message.count, std::memory_order_relaxed);
                break;
            case RecorderMessage::Kind::ChannelAdded: writer_->addChannel(message.channel, message.info); break;
            case RecorderMessage::Kind::Alert: writer_->appendAlertRecord(message.alert); break;
            case RecorderMessage::Kind::SourceEvent: writer_->appendSourceEvent(message.source_event); break;
            case RecorderMessage::Kind::Flush: flushNow(); break;
            case RecorderMessage::Kind::Rotate: rotate(); break;
            }
        } catch (const ArchiveError& error) {
            fail(error.what());
        }
    }
    if (columns)
        pool_.give(std::move(message.block));
}

void Recorder::flushNow()
{
    last_flush_ = std::chrono::steady_clock::now();
    try {
        if (options_.source_counters)
            writer_->setSourceCounters(options_.source_counters());
        writer_->flush();
        samples_flushed_.store(flushed_in_closed_segments_ + writer_->samplesFlushed(), std::memory_order_relaxed);
        file_bytes_.store(writer_->fileSize(), std::memory_order_relaxed);
    } catch (const ArchiveError& error) {
        fail(error.what());
    }
}

void Recorder::closeSegment()
{
    if (options_.source_counters)
        writer_->setSourceCounters(options_.source_counters());
    if (options_.final_statistics)
        writer_->setFinalStatistics(options_.final_statistics());
    writer_->close(wallClockNs(), queue_overflow_.load(std::memory_order_relaxed));
    flushed_in_closed_segments_ += writer_->samplesFlushed();
    samples_flushed_.store(flushed_in_closed_segments_, std::memory_order_relaxed);
}

void Recorder::rotate()
{
    try {
        closeSegment();
        ++segment_;
        openSegment();
    } catch (const ArchiveError& error) {
        fail(error.what());
    }
}

void Recorder::fail(const std::string& message)
{
    if (writer_)
        writer_->abandon();
    writer_.reset();
    std::lock_guard lock(status_mutex_);
    if (!error_)
        error_ = message;
}

RecorderStatus Recorder::status() const
{
    RecorderStatus status;
    status.samples_received = samples_received_.load(std::memory_order_relaxed);
    status.samples_flushed = samples_flushed_.load(std::memory_order_relaxed);
    status.queue_overflow = queue_overflow_.load(std::memory_order_relaxed);
    status.dropped_after_failure = dropped_after_failure_.load(std::memory_order_relaxed);
    status.file_bytes = file_bytes_.load(std::memory_order_relaxed);
    std::lock_guard lock(status_mutex_);
    status.current_path = current_path_;
    status.files = files_;
    status.error = error_;
    return status;
}

} // namespace streamscope
