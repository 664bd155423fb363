#include "core/archive/archive_writer.h"

#include "core/archive/archive_tables.h"

#include <bit>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace streamscope {

using namespace archive;

namespace {

std::string indexName(std::size_t index)
{
    char name[16];
    std::snprintf(name, sizeof name, "%06zu", index);
    return name;
}

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "unknown";
    return name;
}

// SWMR needs the 1.10 file format (superblock 3, checksummed metadata).
Hid latestFormatAccess()
{
    Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    return fapl;
}

Hid createGroup(hid_t parent, const std::string& name)
{
    return Hid(checkHdf5Id(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                           "cannot create group " + name));
}

Hid createTable(hid_t parent, const char* name, hid_t type)
{
    hsize_t dims = 0;
    hsize_t max_dims = H5S_UNLIMITED;
    const Hid space(H5Screate_simple(1, &dims, &max_dims));
    const Hid dcpl(H5Pcreate(H5P_DATASET_CREATE));
    hsize_t chunk = 256;
    H5Pset_chunk(dcpl.get(), 1, &chunk);
    return Hid(checkHdf5Id(H5Dcreate2(parent, name, type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                           std::string("cannot create table ") + name));
}

// The series' file types are little-endian, and a direct chunk write does no type conversion.
static_assert(std::endian::native == std::endian::little, "direct chunk writes assume a little-endian host");

void resize(hid_t dataset, hsize_t size, const std::string& what)
{
    checkHdf5(H5Dset_extent(dataset, &size), "cannot extend " + what);
}

// Appends `count` elements of `type` to the 1-D dataset `dataset`, which holds `size` elements now.
void appendRows(hid_t dataset, hid_t type, const void* rows, hsize_t size, hsize_t count, const std::string& what)
{
    if (count == 0)
        return;
    resize(dataset, size + count, what);
    const Hid file_space(H5Dget_space(dataset));
    checkHdf5(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &size, nullptr, &count, nullptr),
              "cannot select in " + what);
    const Hid memory_space(H5Screate_simple(1, &count, nullptr));
    checkHdf5(H5Dwrite(dataset, type, memory_space.get(), file_space.get(), H5P_DEFAULT, rows), "cannot write " + what);
}

// Writes the whole chunk that starts at element `offset` straight to the file, past HDF5's chunk cache
// and type conversion. The dataset must be extended first (HDF5 1.10 creates the chunk index then).
void writeWholeChunk(hid_t dataset, hsize_t offset, const void* chunk, std::size_t bytes, const std::string& what)
{
    checkHdf5(H5Dwrite_chunk(dataset, H5P_DEFAULT, 0, &offset, bytes, chunk), "cannot write " + what);
}

// Room kept free beyond what the data needs, for the metadata HDF5 writes at a flush or a close.
constexpr std::uint64_t kMetadataReserve = 1 << 20;
// Space is reserved in steps, so that steady recording calls posix_fallocate rarely.
constexpr std::uint64_t kReserveStep = 8 << 20;

} // namespace

std::unique_ptr<ArchiveWriter> ArchiveWriter::create(const std::string& path, ArchiveWriterOptions options)
{
    silenceHdf5Errors();
    std::unique_ptr<ArchiveWriter> writer(new ArchiveWriter(path, std::move(options)));
    writer->open();
    return writer;
}

ArchiveWriter::ArchiveWriter(std::string path, ArchiveWriterOptions options)
    : path_(std::move(path)), options_(std::move(options)), alert_type_(makeAlertType()),
      source_event_type_(makeSourceEventType()), counters_type_(makeCountersType()),
      lod_row_type_(makeLodRowType())
{
    if (options_.chunk_samples == 0)
        options_.chunk_samples = 1;
}

ArchiveWriter::~ArchiveWriter() { abandon(); }

void ArchiveWriter::open()
{
    const Hid fapl = latestFormatAccess();
    file_ = Hid(checkHdf5Id(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()),
                            "cannot create archive " + path_));
    ensureSpace(0);
    const hid_t root = file_.get();
    writeInt64Attribute(root, kAttrFormatVersion, kFormatVersion);
    writeStringAttribute(root, kAttrWriter, "streamscope");
    writeStringAttribute(root, kAttrAppVersion, options_.app_version);
    writeStringAttribute(root, kAttrHost, hostName());
    writeInt64Attribute(root, kAttrStartTime, options_.start_time_ns);
    writeInt64Attribute(root, kAttrSegment, options_.segment);
    writeStringAttribute(root, kAttrSessionConfig, options_.session_config.empty() ? "{}" : options_.session_config);
    createGroup(root, kChannelsGroup);
    createGroup(root, kSourcesGroup);
    const Hid events = createGroup(root, kEventsGroup);
    alerts_ = createTable(events.get(), kAlertsDataset, alert_type_.get());
    source_events_ = createTable(events.get(), kSourceEventsDataset, source_event_type_.get());
    // From here on the file is consistent on disk at every moment, even before the first sample.
    startSwmr();
}

void ArchiveWriter::startSwmr()
{
    checkHdf5(H5Fstart_swmr_write(file_.get()), "cannot start SWMR writing on " + path_);
    swmr_ = true;
}

void ArchiveWriter::addChannel(ChannelIndex channel, const ChannelInfo& info)
{
    if (channel >= channels_.size())
        channels_.resize(channel + 1);
    Channel& slot = channels_[channel];
    if (slot.declared)
        return;
    slot.declared = true;
    slot.archive_index = channels_declared_++;
    slot.info = info;
    slot.times = ChunkBuffer<TimeNs>(options_.chunk_samples, 2 * slot.archive_index, ChunkBuffer<TimeNs>::Init::Zeroed);
    slot.values = ChunkBuffer<double>(options_.chunk_samples, 2 * slot.archive_index + 1, ChunkBuffer<double>::Init::Zeroed);
    structure_pending_ = true;
}

// The per-sample work of the recorder thread: two stores and a count, so it is kept this small.
inline void ArchiveWriter::bufferSample(Channel& channel, TimeNs time_ns, double value)
{
    assert(channel.declared && "a sample of a channel that was never added");
    const std::size_t at = channel.filled;
    channel.times[at] = time_ns;
    channel.values[at] = value;
    channel.filled = at + 1;
    ++samples_appended_;
    if (at + 1 == options_.chunk_samples)
        chunkFilled(channel);
}

void ArchiveWriter::append(ChannelIndex channel, TimeNs time_ns, double value)
{
    bufferSample(channels_[channel], time_ns, value);
}

void ArchiveWriter::append(std::span<const ChannelSample> samples)
{
    for (const ChannelSample& sample : samples)
        bufferSample(channels_[sample.channel], sample.time_ns, sample.value);
}

void ArchiveWriter::appendColumns(ChannelIndex channel_index, const TimeNs* times, const double* values,
                                  std::size_t count)
{
    Channel& channel = channels_[channel_index];
    assert(channel.declared && "samples of a channel that was never added");
    const std::size_t chunk = options_.chunk_samples;
    if (channel.filled == 0 && count == chunk) {
        // A channel added since the last flush has no datasets yet: flush early, which creates them.
        if (!channel.created)
            flush();
        try {
            ensureSpace(chunk * 16);
            writeChunk(channel, times, values, chunk);
        } catch (const ArchiveError&) {
            failed_ = true;
            throw;
        }
        samples_appended_ += chunk;
        return;
    }
    while (count > 0) {
        const std::size_t n = std::min(count, chunk - channel.filled);
        std::memcpy(channel.times.data() + channel.filled, times, n * sizeof(TimeNs));
        std::memcpy(channel.values.data() + channel.filled, values, n * sizeof(double));
        channel.filled += n;
        samples_appended_ += n;
        times += n;
        values += n;
        count -= n;
        if (channel.filled == chunk)
            chunkFilled(channel);
    }
}

void ArchiveWriter::chunkFilled(Channel& channel)
{
    // A channel added since the last flush has no datasets yet: flush early, which creates them.
    if (!channel.created) {
        flush();
        return;
    }
    try {
        ensureSpace(options_.chunk_samples * 16);
        writeBuffered(channel);
    } catch (const ArchiveError&) {
        failed_ = true;
        throw;
    }
}

void ArchiveWriter::appendAlertRecord(const AlertRecord& event) { pending_alerts_.push_back(event); }

void ArchiveWriter::appendSourceEvent(const SourceEvent& event) { pending_source_events_.push_back(event); }

void ArchiveWriter::setSourceCounters(std::vector<SourceCounterRecord> counters)
{
    for (SourceCounterRecord& record : counters) {
        Source* found = nullptr;
        for (Source& source : sources_) {
            if (source.counters.source == record.source)
                found = &source;
        }
        if (found == nullptr) {
            found = &sources_.emplace_back();
            structure_pending_ = true;
        }
        found->counters = std::move(record);
    }
}

void ArchiveWriter::flush()
{
    if (failed_)
        throw ArchiveError("archive " + path_ + " already failed");
    try {
        std::uint64_t pending_bytes = (samples_appended_ - samples_flushed_) * 16;
        pending_bytes += (pending_alerts_.size() + pending_source_events_.size()) * 512;
        ensureSpace(pending_bytes + channels_declared_ * options_.chunk_samples * 16);
        if (structure_pending_)
            applyStructureChanges();
        for (Channel& channel : channels_) {
            if (channel.created) {
                writeBuffered(channel);
                writeLodRows(channel);
            }
        }
        writeEvents();
        writeCounters();
        checkHdf5(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "cannot flush " + path_);
        samples_flushed_ = samples_appended_;
    } catch (const ArchiveError&) {
        failed_ = true;
        throw;
    }
}

void ArchiveWriter::reopenWithoutSwmr(const std::string& purpose)
{
    for (Channel& channel : channels_) {
        channel.time.reset();
        channel.value.reset();
        for (Hid& dataset : channel.lod_datasets)
            dataset.reset();
    }
    for (Source& source : sources_)
        source.dataset.reset();
    alerts_.reset();
    source_events_.reset();
    if (!file_.close())
        throw ArchiveError("cannot close " + path_ + purpose + ": " + takeHdf5ErrorMessage());
    swmr_ = false;
    const Hid fapl = latestFormatAccess();
    file_ = Hid(checkHdf5Id(H5Fopen(path_.c_str(), H5F_ACC_RDWR, fapl.get()), "cannot reopen " + path_));
}

void ArchiveWriter::applyStructureChanges()
{
    // SWMR mode cannot add objects: leave it, add them, and start it again.
    reopenWithoutSwmr(" to add channels");
    ensureSpace(channels_declared_ * 16384);

    const Hid channels_group(checkHdf5Id(H5Gopen2(file_.get(), kChannelsGroup, H5P_DEFAULT), "cannot open /channels"));
    for (Channel& channel : channels_) {
        if (!channel.declared)
            continue;
        const std::string name = indexName(channel.archive_index);
        if (channel.created) {
            const Hid group(H5Gopen2(channels_group.get(), name.c_str(), H5P_DEFAULT));
            const Hid dapl = seriesAccess();
            channel.time = Hid(checkHdf5Id(H5Dopen2(group.get(), kTimeDataset, dapl.get()), "cannot reopen " + name));
            channel.value = Hid(checkHdf5Id(H5Dopen2(group.get(), kValueDataset, dapl.get()), "cannot reopen " + name));
            for (std::size_t level = 0; level < kLodLevels; ++level)
                channel.lod_datasets[level] = Hid(checkHdf5Id(H5Dopen2(group.get(), kLodDatasets[level], H5P_DEFAULT),
                                                              "cannot reopen the pyramid of " + name));
        } else {
            const Hid group = createGroup(channels_group.get(), name);
            writeStringAttribute(group.get(), kAttrName, channel.info.name);
            writeStringAttribute(group.get(), kAttrUnit, channel.info.unit);
            writeStringAttribute(group.get(), kAttrDisplayName, channel.info.display_name);
            writeStringAttribute(group.get(), kAttrSource, channel.info.source);
            channel.time = createSeries(group.get(), kTimeDataset, H5T_STD_I64LE);
            channel.value = createSeries(group.get(), kValueDataset, H5T_IEEE_F64LE);
            for (std::size_t level = 0; level < kLodLevels; ++level)
                channel.lod_datasets[level] = createLodDataset(group.get(), level, lod_row_type_.get());
            channel.created = true;
        }
    }
    {
        const Hid sources_group(checkHdf5Id(H5Gopen2(file_.get(), kSourcesGroup, H5P_DEFAULT), "cannot open /sources"));
        for (std::size_t i = 0; i < sources_.size(); ++i)
            createSource(i, sources_[i]);
        const Hid events(checkHdf5Id(H5Gopen2(file_.get(), kEventsGroup, H5P_DEFAULT), "cannot open /events"));
        alerts_ = Hid(checkHdf5Id(H5Dopen2(events.get(), kAlertsDataset, H5P_DEFAULT), "cannot reopen alerts"));
        source_events_ =
            Hid(checkHdf5Id(H5Dopen2(events.get(), kSourceEventsDataset, H5P_DEFAULT), "cannot reopen source events"));
    }
    structure_pending_ = false;
    startSwmr();
}

Hid ArchiveWriter::createSeries(hid_t group, const char* name, hid_t type)
{
    hsize_t dims = 0;
    hsize_t max_dims = H5S_UNLIMITED;
    const Hid space(H5Screate_simple(1, &dims, &max_dims));
    const Hid dcpl(H5Pcreate(H5P_DATASET_CREATE));
    hsize_t chunk = options_.chunk_samples;
    H5Pset_chunk(dcpl.get(), 1, &chunk);
    if (options_.compression == ArchiveCompression::Deflate) {
        H5Pset_shuffle(dcpl.get());
        H5Pset_deflate(dcpl.get(), static_cast<unsigned>(options_.deflate_level));
    }
    return Hid(checkHdf5Id(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, dcpl.get(), seriesAccess().get()),
                           std::string("cannot create dataset ") + name));
}

Hid ArchiveWriter::seriesAccess() const
{
    // Uncompressed chunks are written whole, past the chunk cache, so it needs no memory. Compressed
    // ones go through it: it holds one whole chunk, so that a chunk is compressed and written once
    // when complete.
    const bool direct = options_.compression == ArchiveCompression::Off;
    Hid dapl(H5Pcreate(H5P_DATASET_ACCESS));
    H5Pset_chunk_cache(dapl.get(), 521, direct ? 0 : options_.chunk_samples * 8 * 2, 1.0);
    return dapl;
}

void ArchiveWriter::createSource(std::size_t index, Source& source)
{
    const Hid sources_group(H5Gopen2(file_.get(), kSourcesGroup, H5P_DEFAULT));
    const std::string name = indexName(index);
    if (source.created) {
        const Hid group(H5Gopen2(sources_group.get(), name.c_str(), H5P_DEFAULT));
        source.dataset =
            Hid(checkHdf5Id(H5Dopen2(group.get(), kCountersDataset, H5P_DEFAULT), "cannot reopen counters " + name));
        return;
    }
    const Hid group = createGroup(sources_group.get(), name);
    writeStringAttribute(group.get(), kAttrName, source.counters.source);
    const Hid space(H5Screate(H5S_SCALAR));
    // Allocated now, so that rewriting the counters in SWMR mode changes only raw data.
    const Hid dcpl(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_EARLY);
    source.dataset = Hid(checkHdf5Id(
        H5Dcreate2(group.get(), kCountersDataset, counters_type_.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        "cannot create counters " + name));
    source.created = true;
}

void ArchiveWriter::writeBuffered(Channel& channel)
{
    writeChunk(channel, channel.times.data(), channel.values.data(), channel.filled);
    if (channel.filled == options_.chunk_samples)
        channel.filled = 0;
}

void ArchiveWriter::writeChunk(Channel& channel, const TimeNs* times, const double* values, std::size_t filled)
{
    const std::uint64_t end = channel.chunk_start + filled;
    if (end > channel.written) {
        const std::string what = "channel '" + channel.info.name + "' in " + path_;
        const std::size_t fresh = channel.written - channel.chunk_start; // the first sample not written yet
        // The pyramid summarises the new samples in blocks here, off the per-sample path; before the
        // write, so that the copy into the file reads them from the cache this pass brings them into.
        channel.lod.append(times + fresh, values + fresh, end - channel.written);
        if (options_.compression == ArchiveCompression::Off) {
            // The whole chunk, also when partly filled: rewriting a flushed chunk in place only adds
            // samples after the flushed ones, whose bytes stay as they were.
            const std::size_t bytes = options_.chunk_samples * 8;
            resize(channel.time.get(), end, what);
            resize(channel.value.get(), end, what);
            writeWholeChunk(channel.time.get(), channel.chunk_start, times, bytes, what);
            writeWholeChunk(channel.value.get(), channel.chunk_start, values, bytes, what);
        } else {
            // The filters run on HDF5's side, through the chunk cache.
            const hsize_t count = end - channel.written;
            appendRows(channel.time.get(), H5T_NATIVE_INT64, times + fresh, channel.written, count, what);
            appendRows(channel.value.get(), H5T_NATIVE_DOUBLE, values + fresh, channel.written, count, what);
        }
        channel.written = end;
    }
    if (filled == options_.chunk_samples)
        channel.chunk_start += filled;
}

void ArchiveWriter::writeLodRows(Channel& channel)
{
    for (std::size_t level = 0; level < kLodLevels; ++level)
        appendLodRows(channel.lod_datasets[level].get(), lod_row_type_.get(), channel.lod.completed(level),
                      channel.lod_written[level], "the pyramid of channel '" + channel.info.name + "' in " + path_);
}

void ArchiveWriter::writeEvents()
{
    if (!pending_alerts_.empty()) {
        std::vector<AlertRow> rows;
        rows.reserve(pending_alerts_.size());
        for (const AlertRecord& event : pending_alerts_)
            rows.push_back(toRow(event));
        appendRows(alerts_.get(), alert_type_.get(), rows.data(), alerts_written_, rows.size(), "alert events");
        alerts_written_ += rows.size();
        pending_alerts_.clear();
    }
    if (!pending_source_events_.empty()) {
        std::vector<SourceEventRow> rows;
        rows.reserve(pending_source_events_.size());
        for (const SourceEvent& event : pending_source_events_)
            rows.push_back(toRow(event));
        appendRows(source_events_.get(), source_event_type_.get(), rows.data(), source_events_written_, rows.size(),
                   "source events");
        source_events_written_ += rows.size();
        pending_source_events_.clear();
    }
}

void ArchiveWriter::writeCounters()
{
    for (const Source& source : sources_) {
        if (!source.created)
            continue;
        const CountersRow row{source.counters.frames, source.counters.decode_errors, source.counters.kernel_drops,
                              source.counters.ring_drops, source.counters.over_channel_cap,
                              source.counters.rejected_senders};
        checkHdf5(H5Dwrite(source.dataset.get(), counters_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &row),
                  "cannot write counters of " + source.counters.source);
    }
}

void ArchiveWriter::close(TimeNs stop_time_ns, std::uint64_t recorder_dropped_samples)
{
    flush();
    try {
        // Attributes cannot be written in SWMR mode; the stop time goes in after it.
        reopenWithoutSwmr("");
        ensureSpace(0);
        writeInt64Attribute(file_.get(), kAttrStopTime, stop_time_ns);
        writeInt64Attribute(file_.get(), kAttrRecorderDrops, static_cast<long long>(recorder_dropped_samples));
        if (final_statistics_)
            writeStatisticsTable(file_.get(), *final_statistics_);
        if (!file_.close())
            throw ArchiveError("cannot close " + path_ + ": " + takeHdf5ErrorMessage());
    } catch (const ArchiveError&) {
        failed_ = true;
        throw;
    }
}

void ArchiveWriter::ensureSpace(std::uint64_t bytes)
{
    haddr_t eoa = 0;
    void* handle = nullptr;
    checkHdf5(H5Fget_eoa(file_.get(), &eoa), "cannot query the size of " + path_);
    checkHdf5(H5Fget_vfd_handle(file_.get(), H5P_DEFAULT, &handle), "cannot query the file of " + path_);
    const int fd = *static_cast<int*>(handle);
    const std::uint64_t needed = eoa + bytes + kMetadataReserve;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && static_cast<std::uint64_t>(info.st_size) >= needed)
        return;
    const std::uint64_t target = (needed + kReserveStep - 1) / kReserveStep * kReserveStep;
    int error = ::posix_fallocate(fd, 0, static_cast<off_t>(target));
    if (error != 0 && target > needed)
        error = ::posix_fallocate(fd, 0, static_cast<off_t>(needed)); // the last bytes of a nearly full disk
    if (error != 0) {
        failed_ = true;
        throw ArchiveError("cannot grow " + path_ + " to " + std::to_string(needed) + " bytes: " + std::strerror(error));
    }
}

void ArchiveWriter::releaseHandles(bool close)
{
    const auto drop = [close](Hid& id) {
        if (close)
            id.reset();
        else
            id.release();
    };
    for (Channel& channel : channels_) {
        drop(channel.time);
        drop(channel.value);
        for (Hid& dataset : channel.lod_datasets)
            drop(dataset);
    }
    for (Source& source : sources_)
        drop(source.dataset);
    drop(alerts_);
    drop(source_events_);
    drop(file_);
}

void ArchiveWriter::abandon() { releaseHandles(!failed_); }

std::uint64_t ArchiveWriter::fileSize() const
{
    hsize_t size = 0;
    if (file_.valid() && H5Fget_filesize(file_.get(), &size) >= 0)
        return size;
    H5Eclear2(H5E_DEFAULT);
    return 0;
}

} // namespace streamscope
