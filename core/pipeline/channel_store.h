#pragma once

#include "core/pipeline/sample.h"
#include "core/pipeline/sample_batch.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

namespace streamscope {

using ChannelIndex = std::uint32_t;

// A channel's identity is its source plus its name. Unit and display name come from the session's
// channel metadata and travel with the channel to every reader and into the archive.
struct ChannelInfo {
    std::string source;
    std::string name;
    std::string unit;
    std::string display_name{}; // empty: shown as the name
};

// Whole-session totals of one channel. min, max and mean cover finite values only, so that one NaN
// from a sensor does not erase them; NaN and infinities are counted in `non_finite`.
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

    void add(TimeNs time_ns, double value);
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
    struct Channel {
        ChannelInfo info;
        ChannelTotals totals;
        History history;
    };

    void append(Channel& channel, TimeNs time_ns, double value);

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
        store_.append(store_.channels_[channel], time_ns, value);
    }

private:
    ChannelStore& store_;
    std::lock_guard<std::mutex> lock_;
};

} // namespace streamscope
