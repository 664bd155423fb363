#include "core/archive/archive_reader.h"

#include "core/archive/archive_recovery.h"
#include "core/archive/archive_tables.h"

#include <algorithm>
#include <cmath>
#include <sys/stat.h>

namespace streamscope {

using namespace archive;

namespace {

hsize_t datasetLength(hid_t dataset)
{
    const Hid space(H5Dget_space(dataset));
    if (!space.valid() || H5Sget_simple_extent_ndims(space.get()) != 1) {
        H5Eclear2(H5E_DEFAULT);
        return 0;
    }
    hsize_t length = 0;
    H5Sget_simple_extent_dims(space.get(), &length, nullptr);
    return length;
}

// A damaged dataspace can claim any number of rows; the writer stores tables uncompressed, so a table
// cannot have more rows than the whole file has room for, and no more are allocated.
void checkClaimedRows(hid_t file, hid_t dataset, hsize_t rows, const std::string& path, const std::string& archive)
{
    hsize_t file_size = 0;
    const Hid file_type(H5Dget_type(dataset));
    const std::size_t row_size = file_type.valid() ? H5Tget_size(file_type.get()) : 0;
    if (H5Fget_filesize(file, &file_size) < 0 || row_size == 0) {
        H5Eclear2(H5E_DEFAULT);
        throw ArchiveError("cannot read table /" + path + " of " + archive + ": its row type or the file size is unreadable");
    }
    if (rows > file_size / row_size)
        throw ArchiveError("cannot read table /" + path + " of " + archive + ": it claims " + std::to_string(rows) +
                           " rows of " + std::to_string(row_size) + " bytes, more than the whole file (" +
                           std::to_string(file_size) + " bytes) can hold; the archive is damaged");
}

template<typename Row>
std::vector<Row> readTable(hid_t file, const std::string& path, hid_t type, const std::string& archive)
{
    if (H5Lexists(file, kEventsGroup, H5P_DEFAULT) <= 0 || H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    const Hid dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    if (!dataset.valid()) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    const hsize_t rows = datasetLength(dataset.get());
    checkClaimedRows(file, dataset.get(), rows, path, archive);
    std::vector<Row> table(rows);
    if (!table.empty() && H5Dread(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, table.data()) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    return table;
}

// Uncompressed series are read without a chunk cache, straight into the caller's buffer: a read of a
// few samples (an overview's column edge) then costs those bytes, not a whole chunk. Compressed chunks
// must be inflated whole, so they keep HDF5's cache. HDF5 shares one dataset object between opens, so
// this choice holds for every reader of the file in this process.
Hid openSeries(hid_t group, const char* name)
{
    Hid dataset(H5Dopen2(group, name, H5P_DEFAULT));
    if (!dataset.valid())
        return dataset;
    const Hid dcpl(H5Dget_create_plist(dataset.get()));
    if (H5Pget_nfilters(dcpl.get()) != 0)
        return dataset;
    dataset.reset();
    const Hid dapl(H5Pcreate(H5P_DATASET_ACCESS));
    H5Pset_chunk_cache(dapl.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT, 0, H5D_CHUNK_CACHE_W0_DEFAULT);
    return Hid(H5Dopen2(group, name, dapl.get()));
}

// In SWMR-read mode HDF5 re-reads metadata that fails its checksum, in case a live writer was caught
// mid-update, sleeping 1 ns, 2 ns, 4 ns ... between attempts: n attempts wait 2^n ns in all. HDF5's
// default of 100 never ends in practice, and a killed writer's file never changes, so only a live writer
// gains from retrying; it finishes a metadata write well within the second that 30 attempts wait.
constexpr unsigned kSwmrMetadataReadAttempts = 30;

Hid swmrReadAccess()
{
    Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_metadata_read_attempts(fapl.get(), kSwmrMetadataReadAttempts);
    return fapl;
}

std::string openFailure(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return "cannot open archive " + path + ": no such file";
    const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
    H5Eclear2(H5E_DEFAULT);
    if (is_hdf5 <= 0)
        return "cannot open archive " + path + ": not an HDF5 file (no HDF5 signature)";
    return "cannot open archive " + path + ": the HDF5 file is damaged or truncated";
}

} // namespace

std::unique_ptr<ArchiveReader> ArchiveReader::open(const std::string& path)
{
    silenceHdf5Errors();
    std::unique_ptr<ArchiveReader> reader(new ArchiveReader());
    reader->path_ = path;
    reader->file_ = Hid(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!reader->file_.valid()) {
        const std::string plain_error = takeHdf5ErrorMessage();
        // A recording that was killed (or is still going) leaves the superblock's write flag set, and
        // SWMR-read opens it as of its last flush. Any other failure is damage, refused now: SWMR-read
        // would retry every damaged checksum as if a writer were mid-update.
        if (plain_error.find("already open for write") == std::string::npos)
            throw ArchiveError(openFailure(path) + " (" + plain_error + ")");
        reader->file_ = Hid(H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, swmrReadAccess().get()));
        if (!reader->file_.valid()) {
            const std::string swmr_error = takeHdf5ErrorMessage();
            std::string repair_error;
            if (!clearArchiveOpenFlags(path, repair_error))
                throw ArchiveError(openFailure(path) + " (" + swmr_error + ")");
            reader->file_ = Hid(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
            if (!reader->file_.valid())
                throw ArchiveError(openFailure(path) + " (" + takeHdf5ErrorMessage() + ")");
            reader->repaired_ = true;
        }
    }
    reader->load();
    return reader;
}

void ArchiveReader::load()
{
    const hid_t root = file_.get();
    long long version = 0;
    if (!readInt64Attribute(root, kAttrFormatVersion, version) || H5Lexists(root, kChannelsGroup, H5P_DEFAULT) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        throw ArchiveError("cannot open archive " + path_ +
                           ": an HDF5 file but not a StreamScope archive (no format_version attribute or /channels)");
    }
    if (version < 1 || version > kFormatVersion)
        throw ArchiveError("cannot open archive " + path_ + ": format version " + std::to_string(version) +
                           " is not supported (this StreamScope reads versions 1 to " +
                           std::to_string(kFormatVersion) + ")");
    format_version_ = static_cast<int>(version);
    long long value = 0;
    if (readInt64Attribute(root, kAttrStartTime, value))
        start_time_ns_ = value;
    if (readInt64Attribute(root, kAttrStopTime, value))
        stop_time_ns_ = value;
    if (readInt64Attribute(root, kAttrRecorderDrops, value))
        recorder_drops_ = static_cast<std::uint64_t>(value);
    (void)readStringAttribute(root, kAttrAppVersion, app_version_);
    (void)readStringAttribute(root, kAttrHost, host_);
    (void)readStringAttribute(root, kAttrSessionConfig, session_config_);

    const Hid group(H5Gopen2(root, kChannelsGroup, H5P_DEFAULT));
    H5G_info_t info{};
    if (!group.valid() || H5Gget_info(group.get(), &info) < 0)
        throw ArchiveError("cannot open archive " + path_ + ": cannot list /channels: " + takeHdf5ErrorMessage());
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t length =
            H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (length <= 0)
            continue;
        std::string name(static_cast<std::size_t>(length) + 1, '\0');
        H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        name.resize(static_cast<std::size_t>(length));
        const Hid channel_group(H5Gopen2(group.get(), name.c_str(), H5P_DEFAULT));
        ChannelHandles handles;
        if (channel_group.valid()) {
            handles.time = openSeries(channel_group.get(), kTimeDataset);
            handles.value = openSeries(channel_group.get(), kValueDataset);
        }
        if (!handles.time.valid() || !handles.value.valid()) {
            H5Eclear2(H5E_DEFAULT);
            damaged_channels_.push_back(name);
            continue;
        }
        ArchiveChannel channel;
        if (!readStringAttribute(channel_group.get(), kAttrName, channel.name))
            channel.name = name;
        (void)readStringAttribute(channel_group.get(), kAttrUnit, channel.unit);
        (void)readStringAttribute(channel_group.get(), kAttrDisplayName, channel.display_name);
        (void)readStringAttribute(channel_group.get(), kAttrSource, channel.source);
        // After a crash between the two appends of a block the datasets can differ in length; only
        // complete (time, value) pairs count.
        channel.count = std::min(datasetLength(handles.time.get()), datasetLength(handles.value.get()));
        channel.group = name;
        channels_.push_back(std::move(channel));
        handles_.push_back(std::move(handles));
    }
}

std::size_t ArchiveReader::read(std::size_t index, std::uint64_t offset, std::size_t count, std::vector<TimeNs>& times,
                                std::vector<double>& values) const
{
    const std::uint64_t total = channels_.at(index).count;
    if (offset >= total) {
        times.clear();
        values.clear();
        return 0;
    }
    hsize_t start = offset;
    hsize_t n = std::min<std::uint64_t>(count, total - offset);
    times.resize(n);
    values.resize(n);
    const Hid memory(H5Screate_simple(1, &n, nullptr));
    for (const hid_t dataset : {handles_[index].time.get(), handles_[index].value.get()}) {
        const Hid space(H5Dget_space(dataset));
        H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr);
        const bool is_time = dataset == handles_[index].time.get();
        const herr_t status =
            is_time ? H5Dread(dataset, H5T_NATIVE_INT64, memory.get(), space.get(), H5P_DEFAULT, times.data())
                    : H5Dread(dataset, H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, values.data());
        if (status < 0)
            throw ArchiveError("cannot read channel '" + channels_[index].name + "' of " + path_ + ": " +
                               takeHdf5ErrorMessage());
    }
    return static_cast<std::size_t>(n);
}

ArchiveChannelSummary ArchiveReader::summarize(std::size_t index) const
{
    ArchiveChannelSummary summary;
    std::vector<TimeNs> times;
    std::vector<double> values;
    double sum = 0.0;
    std::uint64_t finite = 0;
    constexpr std::size_t kBlock = 1 << 20;
    for (std::uint64_t offset = 0;; offset += kBlock) {
        const std::size_t n = read(index, offset, kBlock, times, values);
        if (n == 0)
            break;
        if (summary.count == 0)
            summary.first_time_ns = times.front();
        summary.last_time_ns = times.back();
        summary.count += n;
        for (const double v : values) {
            if (!std::isfinite(v)) {
                ++summary.non_finite;
                continue;
            }
            summary.min = finite == 0 ? v : std::min(summary.min, v);
            summary.max = finite == 0 ? v : std::max(summary.max, v);
            sum += v;
            ++finite;
        }
    }
    if (finite > 0)
        summary.mean = sum / static_cast<double>(finite);
    return summary;
}

std::vector<AlertRecord> ArchiveReader::alertEvents() const
{
    const Hid type = makeAlertType();
    std::vector<AlertRecord> events;
    for (const AlertRow& row :
         readTable<AlertRow>(file_.get(), std::string(kEventsGroup) + "/" + kAlertsDataset, type.get(), path_))
        events.push_back(fromRow(row));
    return events;
}

std::vector<SourceEvent> ArchiveReader::sourceEvents() const
{
    const Hid type = makeSourceEventType();
    std::vector<SourceEvent> events;
    for (const SourceEventRow& row :
         readTable<SourceEventRow>(file_.get(), std::string(kEventsGroup) + "/" + kSourceEventsDataset,
                                           type.get(), path_))
        events.push_back(fromRow(row));
    return events;
}

std::vector<SourceCounterRecord> ArchiveReader::sourceCounters() const
{
    std::vector<SourceCounterRecord> records;
    const Hid group(H5Gopen2(file_.get(), kSourcesGroup, H5P_DEFAULT));
    H5G_info_t info{};
    if (!group.valid() || H5Gget_info(group.get(), &info) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return records;
    }
    const Hid type = makeCountersType();
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const Hid source(H5Oopen_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT));
        const Hid dataset(source.valid() ? H5Dopen2(source.get(), kCountersDataset, H5P_DEFAULT) : H5I_INVALID_HID);
        CountersRow row{};
        SourceCounterRecord record;
        if (!dataset.valid() || H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &row) < 0) {
            H5Eclear2(H5E_DEFAULT);
            continue;
        }
        (void)readStringAttribute(source.get(), kAttrName, record.source);
        record.frames = row.frames;
        record.decode_errors = row.decode_errors;
        record.kernel_drops = row.kernel_drops;
        record.ring_drops = row.ring_drops;
        // HDF5 matches compound members by name: an older file without these leaves them 0.
        record.over_channel_cap = row.over_channel_cap;
        record.rejected_senders = row.rejected_senders;
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace streamscope
