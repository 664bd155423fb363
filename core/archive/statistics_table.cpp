#include "core/archive/statistics_table.h"

#include "core/archive/archive_tables.h"

#include <cmath>

namespace streamscope {

using namespace archive;

namespace {

bool sameDouble(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

bool identical(const StatisticsRecord& a, const StatisticsRecord& b)
{
    return a.channel == b.channel && a.source == b.source && a.window_ns == b.window_ns
        && a.summary.count == b.summary.count && a.summary.non_finite == b.summary.non_finite
        && sameDouble(a.summary.min, b.summary.min) && sameDouble(a.summary.max, b.summary.max)
        && sameDouble(a.summary.mean, b.summary.mean) && sameDouble(a.summary.std, b.summary.std)
        && sameDouble(a.rate_hz, b.rate_hz) && sameDouble(a.last, b.last) && a.last_time_ns == b.last_time_ns;
}

std::vector<StatisticsRecord> statisticsRecords(const ProcessingSnapshot& snapshot)
{
    std::vector<StatisticsRecord> records;
    for (const ChannelStatistics& channel : snapshot.channels) {
        StatisticsRecord record{channel.info.name, channel.info.source, 0, channel.session, 0.0, channel.last,
                                channel.last_time_ns};
        records.push_back(record);
        for (const WindowStatistics& window : channel.windows) {
            record.window_ns = window.window_ns;
            record.summary = window.summary;
            record.rate_hz = window.rate_hz;
            records.push_back(record);
        }
    }
    return records;
}

void writeStatisticsTable(hid_t file, const std::vector<StatisticsRecord>& records)
{
    std::vector<StatisticsRow> rows;
    rows.reserve(records.size());
    for (const StatisticsRecord& record : records)
        rows.push_back(toRow(record));
    const Hid type = makeStatisticsType();
    const hsize_t size = rows.size();
    const Hid space(H5Screate_simple(1, &size, nullptr));
    const Hid dataset(checkHdf5Id(
        H5Dcreate2(file, kStatisticsDataset, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        "cannot create /statistics"));
    if (!rows.empty())
        checkHdf5(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
                  "cannot write /statistics");
}

std::vector<StatisticsRecord> readStatisticsTable(hid_t file)
{
    if (H5Lexists(file, kStatisticsDataset, H5P_DEFAULT) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    const Hid dataset(H5Dopen2(file, kStatisticsDataset, H5P_DEFAULT));
    const Hid space(dataset.valid() ? H5Dget_space(dataset.get()) : H5I_INVALID_HID);
    hsize_t size = 0;
    if (!space.valid() || H5Sget_simple_extent_dims(space.get(), &size, nullptr) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    std::vector<StatisticsRow> rows(size);
    const Hid type = makeStatisticsType();
    if (size > 0 && H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    std::vector<StatisticsRecord> records;
    for (const StatisticsRow& row : rows)
        records.push_back(fromRow(row));
    return records;
}

} // namespace streamscope
