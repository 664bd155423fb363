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
    std::size_t queue_slots = 512;
    std::size_t slot_samples = 4096;
    // Called on the recorder thread at each flush and at close: the sources' counters to record.
    std::function<std::vector<SourceCounterRecord>()> source_counters;
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

// The recorder thread: takes samples and events off a bounded SPSC queue filled by RecorderStage on the
// pipeline thread, writes them with ArchiveWriter, flushes at least every flush_interval and rotates
// files by size or duration. A rotation happens between two queue messages, so every sample lands in
// exactly one file. A write error (a full disk) closes what can be closed, records the message and
// keeps draining the queue, so the pipeline and ingest never notice.
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
    [[nodiscard]] std::size_t slotSamples() const { return options_.slot_samples; }
    // Producer side: room for slotSamples() samples, for a queue slot that carries samples for the
    // first time. There is one block per slot.
    [[nodiscard]] ChannelSample* takeSampleBlock();
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
    void rotateIfDue();
    // Writes the counters and the stop time into the current file and closes it (throws ArchiveError).
    void closeSegment();
    void openSegment();
    void fail(const std::string& message);

    // The sample blocks of all queue slots in one allocation, asked to be backed by huge pages: the
    // pipeline fills them in turn, tens of MB, and 4 KiB pages would cost a fault every 170 samples
    // until every slot has been used once.
    struct ArenaDeleter {
        void operator()(ChannelSample* arena) const;
    };

    RecorderOptions options_;
    SpscRing<RecorderMessage> queue_;
    std::unique_ptr<ChannelSample[], ArenaDeleter> sample_arena_;
    std::size_t sample_blocks_taken_ = 0; // producer-owned
    std::unique_ptr<ArchiveWriter> writer_;
    std::vector<std::pair<ChannelIndex, ChannelInfo>> channels_; // every channel seen, for new segments
    int segment_ = 0;
    std::chrono::steady_clock::time_point last_flush_;
    std::chrono::steady_clock::time_point segment_started_;
    std::uint64_t segment_flushed_bytes_ = 0;
    std::uint64_t segment_appended_at_flush_ = 0;
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
