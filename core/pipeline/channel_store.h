#pragma once

#include "core/pipeline/sample.h"
#include "core/pipeline/sample_batch.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace streamscope {

using ChannelIndex = std::uint32_t;

// A sample after the registry: its channel is the global index in the ChannelStore.
struct ChannelSample {
    TimeNs time_ns = 0;
    double value = 0.0;
    ChannelIndex channel = 0;
};

// A channel's identity is its source plus its name. Unit and display name come from the session's
// channel metadata and travel with the channel to every reader and into the archive.
struct ChannelInfo {
    std::string source;
    std::string name;
    std::string unit;
    std::string display_name{}; // empty: shown as the name
};

// Whole-session totals of one channel, as a snapshot reads them. min, max and mean cover finite values
// only, so that one NaN from a sensor does not erase them; NaN and infinities are counted in `non_finite`.
struct ChannelTotals {
    std::uint64_t count = 0;
    std::uint64_t non_finite = 0;
    std::uint64_t out_of_order = 0; // samples older than the channel's newest (kept in totals, not in history)
    TimeNs first_time_ns = 0;
    TimeNs last_time_ns = 0;
    double last = std::numeric_limits<double>::quiet_NaN();
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
};

struct ChannelSnapshot {
    ChannelIndex index = 0;
    ChannelInfo info;
    ChannelTotals totals;
};

// Points copied out of a channel's history for a reader (the GUI, a test).
struct HistorySlice {
    std::vector<TimeNs> times;
    std::vector<double> values;
    std::uint64_t next_sequence = 0; // pass back to readHistorySince() for the points after these
    std::uint64_t missed = 0;        // points that left the bounded history before this reader saw them
};

// Every channel's totals and its recent history, bounded to `history_length` points per channel.
// The pipeline thread writes one whole batch under the lock; readers copy what they need under it.
//
// Time policy: the history of a channel is kept in non-decreasing time order so that plots and range
// queries can bisect it. A sample with a timestamp older than the channel's newest goes into the
// totals and is counted as out_of_order but is not added to the history. Equal timestamps are kept.
class ChannelStore {
public:
    explicit ChannelStore(std::size_t history_length = 1'000'000) : history_length_(history_length) {}

    // Pipeline thread.
    ChannelIndex addChannel(ChannelInfo info);
    class Writer;

    // Any thread.
    [[nodiscard]] std::size_t channelCount() const;
    [[nodiscard]] std::vector<ChannelSnapshot> snapshot() const;
    [[nodiscard]] HistorySlice readHistorySince(ChannelIndex channel, std::uint64_t sequence) const;
    [[nodiscard]] std::size_t historyLength() const { return history_length_; }

private:
    // A bounded history: grows with the data up to `capacity`, then overwrites the oldest point.
    struct History {
        std::vector<TimeNs> times;
        std::vector<double> values;
        std::size_t head = 0;          // next write position once full
        std::uint64_t appended = 0;    // total points ever appended (sequence numbers)
    };
    // The totals as the pipeline accumulates them. The mean is kept as a sum of differences from the
    // channel's first finite value and divided only when read, so that a sample costs no division (a
    // per-sample division is a long dependency chain on the pipeline thread); the shift keeps a large
    // offset from swallowing small variations.
    struct RunningTotals {
        ChannelTotals totals; // its mean is filled in by read()
        double shift = 0.0;
        double shifted_sum = 0.0;

        // Returns false for a sample older than the channel's newest (counted as out of order).
        bool add(TimeNs time_ns, double value);
        [[nodiscard]] ChannelTotals read() const;
    };
    struct Channel {
        ChannelInfo info;
        RunningTotals totals;
        History history;
    };

    mutable std::mutex mutex_;
    std::vector<Channel> channels_;
    std::size_t history_length_;
};

// Holds the store's lock while the pipeline applies one batch.
class ChannelStore::Writer {
public:
    explicit Writer(ChannelStore& store) : store_(store), lock_(store.mutex_) {}
    void add(ChannelIndex channel, TimeNs time_ns, double value)
    {
        const ChannelSample sample{time_ns, value, channel};
        add(std::span(&sample, 1));
    }
    // A whole batch, in order: the pipeline's path, one loop with the per-sample work inlined into it.
    void add(std::span<const ChannelSample> samples);

private:
    ChannelStore& store_;
    std::lock_guard<std::mutex> lock_;
};

} // namespace streamscope
