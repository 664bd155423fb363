#pragma once

#include "core/archive/archive_sample_stream.h"
#include "core/ingest/source.h"
#include "core/protocol/channel_table.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

struct ReplaySourceOptions {
    ArchiveSampleStreamOptions selection; // channels, time range and read block size
    double speed = 1.0;                   // archive seconds per wall second, kMinSpeed..kMaxSpeed
    bool max_speed = false;               // as fast as the pipeline takes it; `speed` is ignored
    bool loop = false;                    // start over at the range's start after its end
    bool paused = false;                  // wait at the range's start for resume() (a timeline's play)
    std::size_t batch_samples = 8192;     // samples per published batch at most
    // Ingest thread, after each published batch: the replay position then and the batch's last sample
    // time. For progress displays and the pacing tests.
    std::function<void(TimeNs position_ns, TimeNs last_sample_ns)> on_publish;
};

// Replays an archive as a source on the ingest thread: the selected channels, merged in time order, are
// published as batches when the replay position reaches their time, so the pipeline, statistics, alerts
// and plots behave as they did live. Values are published as stored: archives hold engineering units,
// so no scale/offset is applied again (the engine must not be given the session's conversions either).
//
// Two clocks, both in archive time: position() runs at `speed` while playing and stands still while
// paused; pipelineClock() is the time up to which every sample has been published, for
// Pipeline::setClock, so that a stale alert can never fire for a sample still on its way. At the end
// of the range both move to its end (the archive's stop time when no --to was given), as the wall clock
// moved on live until the recording stopped.
class ReplaySource final : public Source {
public:
    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 1000.0;

    // Opens the archive now. Throws ArchiveError naming the file (missing, damaged, no channel matches)
    // and std::invalid_argument for a speed outside kMinSpeed..kMaxSpeed.
    ReplaySource(SourceId id, boost::asio::io_context& context, const std::string& path, ReplaySourceOptions options);
    ~ReplaySource() override;

    void start(BatchPublisher& publisher) override;
    void stop() override;

    // Any thread: the controls for a timeline.
    void pause();
    void resume();
    // The next samples are those at or after `time_ns` (clamped to the range). Statistics windows are
    // not reset: a seek back in time reaches the pipeline as out-of-order samples.
    void seek(TimeNs time_ns);
    // Throws std::invalid_argument outside kMinSpeed..kMaxSpeed. Ends max speed.
    void setSpeed(double speed);
    // As fast as the pipeline takes it, until the next setSpeed().
    void setMaxSpeed();
    [[nodiscard]] bool maxSpeed() const;

    // Any thread.
    [[nodiscard]] TimeNs position() const;
    [[nodiscard]] TimeNs pipelineClock() const { return pipeline_clock_ns_.load(std::memory_order_acquire); }
    [[nodiscard]] std::function<TimeNs()> clock() const { return [this] { return pipelineClock(); }; }
    [[nodiscard]] bool paused() const;
    // The range has been replayed to its end (never with loop).
    [[nodiscard]] bool finished() const { return finished_.load(std::memory_order_acquire); }
    [[nodiscard]] TimeNs rangeStart() const { return range_start_ns_; }
    [[nodiscard]] TimeNs rangeEnd() const { return range_end_ns_; }
    [[nodiscard]] std::uint64_t samplesPublished() const { return published_.load(std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t totalSamples() const { return stream_->totalSamples(); }
    // The most samples the merged stream ever held in its read blocks.
    [[nodiscard]] std::size_t peakBufferedSamples() const { return stream_->peakBufferedSamples(); }

private:
    using SteadyClock = std::chrono::steady_clock;

    void scheduleTick(bool immediately);
    void onTick();
    void applyPendingSeek();
    // Publishes the samples due at `due_ns`; false when the ring was full and the rest must wait.
    bool publishUntil(TimeNs due_ns, bool max_speed);
    void reachedEnd(bool max_speed);
    [[nodiscard]] TimeNs positionLocked(SteadyClock::time_point now) const;
    void setPipelineClock(TimeNs time_ns);

    std::unique_ptr<ArchiveReader> reader_;
    std::unique_ptr<ArchiveSampleStream> stream_;
    ReplaySourceOptions options_;
    boost::asio::steady_timer timer_;
    BatchPublisher* publisher_ = nullptr;
    ChannelTable channels_;
    std::vector<LocalChannelId> local_ids_; // by archive channel index
    std::vector<ArchiveSample> pending_;    // read from the stream, not yet published (ring full)
    std::size_t pending_next_ = 0;
    TimeNs range_start_ns_ = 0;
    TimeNs range_end_ns_ = 0;
    bool running_ = false;

    mutable std::mutex mutex_; // guards the position's anchor, the speed, pause and a pending seek
    TimeNs anchor_position_ns_ = 0;
    SteadyClock::time_point anchor_steady_;
    bool clock_started_ = false; // the position stays at its anchor until start()
    double speed_ = 1.0;
    bool max_speed_ = false;
    bool paused_ = false;
    std::optional<TimeNs> pending_seek_;

    std::atomic<TimeNs> pipeline_clock_ns_{0};
    std::atomic<bool> finished_{false};
    std::atomic<std::uint64_t> published_{0};
};

} // namespace streamscope
