#pragma once

#include "core/archive/archive_format.h"
#include "core/archive/statistics_table.h"
#include "core/archive/chunk_buffer.h"
#include "core/archive/hdf5_handle.h"
#include "core/archive/lod_pyramid.h"
#include "core/pipeline/channel_store.h"
#include "core/pipeline/pipeline_stage.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace streamscope {

enum class ArchiveCompression { Off, Deflate };

struct ArchiveWriterOptions {
    // Samples per chunk of each time/value dataset; chosen by bench/recording_throughput.cpp.
    std::size_t chunk_samples = 32768;
    ArchiveCompression compression = ArchiveCompression::Off;
    int deflate_level = 1; // with shuffle; 1 is the measured sweet spot of size against speed
    std::string session_config = "{}";
    std::string app_version;
    TimeNs start_time_ns = 0;
    int segment = 0; // index of the file in a rotated recording
};

// Writes one archive file (layout: docs/archive-format.md) on the recorder thread.
//
// Crash safety: the file runs in HDF5's single-writer/multiple-reader (SWMR) mode, in which HDF5 orders
// its metadata writes so that the file on disk is consistent at every moment; flush() makes everything
// appended so far part of that consistent state. SWMR mode cannot create objects or attributes, so
// structure changes (a channel or source seen for the first time) are batched into the next flush,
// which closes the file, reopens it normally, adds the objects and restarts SWMR mode. A kill in that
// short window can lose the channels being added, never data flushed before.
//
// Speed: each channel's samples are gathered in a buffer of one chunk, which is handed to HDF5 whole
// when it fills. Uncompressed, it goes straight to the file (H5Dwrite_chunk), past the chunk cache and
// its copy; compressed, through the chunk cache, so that HDF5 runs the shuffle and deflate filters.
//
// Full disk: before anything that makes HDF5 write, the writer reserves the space it can need (data
// plus a metadata reserve) with posix_fallocate. When the disk (or RLIMIT_FSIZE) refuses, it throws
// before HDF5 has written a byte of that step, so the file on disk stays consistent. Every method throws
// ArchiveError on a failure; after that the writer only accepts abandon().
class ArchiveWriter {
public:
    static std::unique_ptr<ArchiveWriter> create(const std::string& path, ArchiveWriterOptions options);
    ~ArchiveWriter();
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;

    // `channel` is the engine's global channel index; the first sample may follow at once.
    void addChannel(ChannelIndex channel, const ChannelInfo& info);
    void append(ChannelIndex channel, TimeNs time_ns, double value);
    // The same for a run of samples (the recorder's queue slots), without a call per sample.
    void append(std::span<const ChannelSample> samples);
    // `count` samples of one channel as columns, continuing its samples so far. A run that is exactly
    // the channel's next chunk is written from the caller's memory, without a copy; others are
    // buffered (RecorderStage aligns its runs with the chunks, so only flush-time parts are).
    void appendColumns(ChannelIndex channel, const TimeNs* times, const double* values, std::size_t count);
    void appendAlertRecord(const AlertRecord& event);
    void appendSourceEvent(const SourceEvent& event);
    // Stored now, written at each flush and at close.
    // The statistics at the end of the session, written to /statistics at close().
    void setFinalStatistics(std::vector<StatisticsRecord> records) { final_statistics_ = std::move(records); }
    void setSourceCounters(std::vector<SourceCounterRecord> counters);

    // Makes everything appended so far durable against a crash of this process.
    void flush();
    // Flushes, records the stop time and closes the file so that any HDF5 tool opens it.
    void close(TimeNs stop_time_ns, std::uint64_t recorder_dropped_samples);
    // Gives the file up. After a failure nothing more is written to it (its HDF5 handles are left open
    // until the process ends, since closing would write), so the file stays as of its last consistent state.
    void abandon();

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::uint64_t samplesFlushed() const { return samples_flushed_; }
    [[nodiscard]] std::uint64_t samplesAppended() const { return samples_appended_; }
    // Bytes in the file now (grows at each flush).
    [[nodiscard]] std::uint64_t fileSize() const;

private:
    // A channel buffers the chunk being filled, aligned with the datasets' chunks (zeroed, so that
    // the unfilled tail of a chunk written at a flush is defined bytes): times[i] and values[i] are
    // sample chunk_start + i. A full chunk goes to HDF5 at once; a partly filled one is written at a
    // flush and again, whole, when it fills.
    struct Channel {
        ChunkBuffer<TimeNs> times;
        ChunkBuffer<double> values;
        std::size_t filled = 0;        // samples in the buffers
        std::uint64_t chunk_start = 0; // index in the datasets of the buffers' first sample
        std::uint64_t written = 0;     // samples in the datasets (their extent)
        bool declared = false;
        bool created = false;
        std::size_t archive_index = 0;
        ChannelInfo info;
        Hid time;
        Hid value;
        // The level-of-detail pyramid: summarises samples as they are written to the datasets, whole
        // chunks or a flush's part of one; its rows are written at a flush, after the samples they
        // cover, so that the file never holds rows for samples it lacks.
        archive::LodPyramidBuilder lod;
        std::array<Hid, archive::kLodLevels> lod_datasets;
        std::array<std::uint64_t, archive::kLodLevels> lod_written{};
    };
    struct Source {
        SourceCounterRecord counters;
        bool created = false;
        Hid dataset;
    };

    ArchiveWriter(std::string path, ArchiveWriterOptions options);
    void open();
    void applyStructureChanges();
    // SWMR mode can neither add objects nor write attributes: release every open dataset, close the
    // file and open it again without SWMR. `purpose` completes the error message (" to add channels").
    void reopenWithoutSwmr(const std::string& purpose);
    void createChannel(Channel& channel);
    void createSource(std::size_t index, Source& source);
    void bufferSample(Channel& channel, TimeNs time_ns, double value);
    void chunkFilled(Channel& channel);
    // Writes the buffered samples that are not in the datasets yet.
    void writeBuffered(Channel& channel);
    // Writes the samples of the channel's current chunk that are not in the datasets yet, from
    // `times` and `values`, which hold its first `filled` samples; a full chunk ends it.
    void writeChunk(Channel& channel, const TimeNs* times, const double* values, std::size_t filled);
    void writeLodRows(Channel& channel);
    void writeEvents();
    void writeCounters();
    void startSwmr();
    void ensureSpace(std::uint64_t bytes);
    void releaseHandles(bool close);
    Hid createSeries(hid_t group, const char* name, hid_t type);
    [[nodiscard]] Hid seriesAccess() const;

    std::string path_;
    ArchiveWriterOptions options_;
    Hid file_;
    Hid alerts_;
    Hid source_events_;
    Hid alert_type_;
    Hid source_event_type_;
    Hid counters_type_;
    Hid lod_row_type_;
    std::vector<Channel> channels_; // indexed by ChannelIndex
    std::size_t channels_declared_ = 0;
    std::vector<Source> sources_;
    std::vector<AlertRecord> pending_alerts_;
    std::vector<SourceEvent> pending_source_events_;
    std::uint64_t alerts_written_ = 0;
    std::uint64_t source_events_written_ = 0;
    std::uint64_t samples_appended_ = 0;
    std::uint64_t samples_flushed_ = 0;
    bool structure_pending_ = false;
    bool swmr_ = false;
    bool failed_ = false;
    std::optional<std::vector<StatisticsRecord>> final_statistics_;
};

} // namespace streamscope
