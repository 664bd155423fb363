#pragma once

#include "core/archive/archive_reader.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamscope {

struct ArchiveSampleStreamOptions {
    std::vector<std::string> channel_globs; // shell globs on channel names; empty: all channels
    std::optional<TimeNs> from_ns;          // inclusive
    std::optional<TimeNs> to_ns;            // inclusive
    std::size_t block_samples = 65536;      // read per channel at a time: the memory bound
};

// One sample of an archive; `channel` is the channel's index in the archive (ArchiveReader::channels()).
struct ArchiveSample {
    TimeNs time_ns = 0;
    double value = 0.0;
    std::size_t channel = 0;
};

// The samples of the selected channels and time range in time order, merged across channels (samples of
// one channel stay in stored order; equal times go in channel order). Each channel is read forward in
// blocks of `block_samples`, so at most channels x block_samples samples are held whatever the archive's
// size. Archives are in arrival order, which is time order for a well-behaved source; a sample that went
// back in time is emitted where it was stored, never dropped.
class ArchiveSampleStream {
public:
    // Throws ArchiveError naming the archive when no channel matches the globs.
    ArchiveSampleStream(const ArchiveReader& reader, ArchiveSampleStreamOptions options);

    [[nodiscard]] const ArchiveReader& reader() const { return reader_; }
    // The archive indices of the selected channels, in archive order.
    [[nodiscard]] const std::vector<std::size_t>& channels() const { return selected_; }

    [[nodiscard]] bool done() const;
    // The time of the next sample; only when !done().
    [[nodiscard]] TimeNs nextTime() const;
    // Appends up to `max` samples to `out`; returns how many (0 at the end).
    std::size_t read(std::vector<ArchiveSample>& out, std::size_t max);
    // Appends the samples with time <= `until_ns` (up to `max`); returns how many.
    std::size_t readUntil(TimeNs until_ns, std::vector<ArchiveSample>& out, std::size_t max);

    // The next sample becomes, per channel, the first stored sample at or after `time_ns` (found by
    // binary search over the stored order); the range given at construction still applies.
    void seek(TimeNs time_ns);

    // The samples held in the channels' blocks now, and the most ever held: the memory bound.
    [[nodiscard]] std::size_t bufferedSamples() const;
    [[nodiscard]] std::size_t peakBufferedSamples() const { return peak_buffered_; }
    // The selected channels' samples in the archive, and how far the stream has got through them.
    [[nodiscard]] std::uint64_t totalSamples() const { return total_; }
    [[nodiscard]] std::uint64_t consumedSamples() const;

private:
    struct Cursor {
        std::size_t channel = 0;
        std::vector<TimeNs> times;
        std::vector<double> values;
        std::size_t position = 0;
        std::uint64_t offset = 0; // archive index of times[0] + times.size(): where the next block starts
        bool done = false;
    };

    void refill(Cursor& cursor);
    void skipOutOfRange(Cursor& cursor);
    [[nodiscard]] std::uint64_t firstIndexAtOrAfter(std::size_t channel, TimeNs time_ns) const;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // The cursor whose next sample comes first, or kNone at the end.
    [[nodiscard]] std::size_t earliest() const;
    void startAt(Cursor& cursor, std::uint64_t index);

    const ArchiveReader& reader_;
    ArchiveSampleStreamOptions options_;
    std::vector<std::size_t> selected_;
    std::vector<Cursor> cursors_;
    std::uint64_t total_ = 0;
    std::size_t peak_buffered_ = 0;
};

} // namespace streamscope
