#pragma once

#include "core/archive/archive_writer.h"
#include "core/archive/recorder_message.h"
#include "core/pipeline/spsc_ring.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace streamscope {

struct RecorderOptions {
    // The archive path. With rotation, or when it holds strftime fields ("%Y%m%d-%H%M%S"), each file's
    // name is made from it and the file's start time (UTC); see segmentPath().
    std::string path;
    ArchiveWriterOptions writer;
    std::chrono::nanoseconds flush_interval = std::chrono::seconds(1);
    std::uint64_t rotate_bytes = 0;                    // 0: no size rotation
    std::chrono::nanoseconds rotate_duration{0};       // 0: no time rotation
    // Messages in the queue; a message carries at most one chunk of one channel. 0: as many as hold
    // queue_bytes of samples (16 bytes each), and at least 64.
    std::size_t queue_slots = 0;
    std::size_t queue_bytes = 32 << 20;
    // Called on the recorder thread at each flush and at close: the sources' counters to record.
    std::function<std::vector<SourceCounterRecord>()> source_counters;
    // Called as each file closes: the statistics so far, for its /statistics table (replay parity).
    std::function<std::vector<StatisticsRecord>()> final_statistics;
};

struct RecorderStatus {
    std::uint64_t samples_received = 0; // taken off the queue
    std::uint64_t samples_flushed = 0;  // durable in some file
    std::uint64_t queue_overflow = 0;   // lost because the queue was full (a slow disk)
    std::uint64_t dropped_after_failure = 0; // arrived after a write error stopped the recording
    std::uint64_t file_bytes = 0;
    std::string current_path;
    std::vector<std::string> files;
    std::optional<std::string> error; // set once a write error stopped the recording
};

// The recorder thread: takes blocks of samples and events off a bounded SPSC queue filled by
// RecorderStage on the pipeline thread, writes them with ArchiveWriter and returns the blocks to the
// pool. It flushes and rotates files where the stage's messages say so; a rotation happens between two
// queue messages, so every sample lands in exactly one file. A write error (a full disk) closes what
// can be closed, records the message and keeps draining the queue, so the pipeline and ingest never
// notice.
class Recorder {
public:
    explicit Recorder(RecorderOptions options);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Creates the first file now, so that a bad path is reported before anything runs; throws ArchiveError.
    void open();
    void start();
    // Call after the producer (the pipeline) has stopped: writes what is queued and closes the file.
    void stop();

    [[nodiscard]] SpscRing<RecorderMessage>& queue() { return queue_; }
    // The blocks of one chunk each that carry samples through the queue, shared by both threads.
    [[nodiscard]] ColumnBlockPool& blockPool() { return pool_; }
    [[nodiscard]] const RecorderOptions& options() const { return options_; }
    // Producer side: samples the stage could not queue.
    void countOverflow(std::uint64_t samples) { queue_overflow_.fetch_add(samples, std::memory_order_relaxed); }
    [[nodiscard]] RecorderStatus status() const;

    // The file name of segment `segment` starting at `start_ns` for the given pattern.
    [[nodiscard]] static std::string segmentPath(const std::string& pattern, TimeNs start_ns, int segment,
                                                 bool rotating);

private:
    void run();
    void handle(RecorderMessage& message);
    void flushNow();
    void flushIfOverdue();
    void rotate();
    // Writes the counters and the stop time into the current file and closes it (throws ArchiveError).
    void closeSegment();
    void openSegment();
    void fail(const std::string& message);

    RecorderOptions options_;
    SpscRing<RecorderMessage> queue_;
    ColumnBlockPool pool_;
    std::unique_ptr<ArchiveWriter> writer_;
    std::vector<std::pair<ChannelIndex, ChannelInfo>> channels_; // every channel seen, for new segments
    int segment_ = 0;
    std::chrono::steady_clock::time_point last_flush_;
    std::uint64_t flushed_in_closed_segments_ = 0;

    std::atomic<bool> running_{false};
    std::atomic<std::uint64_t> samples_received_{0};
    std::atomic<std::uint64_t> samples_flushed_{0};
    std::atomic<std::uint64_t> queue_overflow_{0};
    std::atomic<std::uint64_t> dropped_after_failure_{0};
    std::atomic<std::uint64_t> file_bytes_{0};
    mutable std::mutex status_mutex_; // guards the strings below (read about once a second)
    std::string current_path_;
    std::vector<std::string> files_;
    std::optional<std::string> error_;
    std::thread thread_;
};

} // namespace streamscope
