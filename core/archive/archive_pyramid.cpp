#include "core/archive/archive_pyramid.h"

#include "core/archive/archive_format.h"
#include "core/archive/index_runs.h"
#include "core/archive/lod_pyramid.h"

#include <algorithm>
#include <array>
#include <unistd.h>
#include <vector>

namespace streamscope::archive {

namespace {

// Samples read and summarised at a time: 16 MiB of buffers, and a flush and a progress report each.
constexpr std::size_t kReadBlock = 1 << 20;

struct MissingPyramid {
    std::string group; // under /channels
    std::uint64_t count = 0;
};

// The channels of an open archive whose pyramid is absent or does not cover every whole block.
std::vector<MissingPyramid> channelsWithoutPyramid(hid_t file, const std::string& path)
{
    const Hid channels(checkHdf5Id(H5Gopen2(file, kChannelsGroup, H5P_DEFAULT), "cannot open /channels of " + path));
    H5G_info_t info{};
    checkHdf5(H5Gget_info(channels.get(), &info), "cannot list the channels of " + path);
    std::vector<MissingPyramid> missing;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        char name[64] = {};
        if (H5Lget_name_by_idx(channels.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT) < 0)
            continue;
        const Hid group(H5Gopen2(channels.get(), name, H5P_DEFAULT));
        const Hid time(H5Dopen2(group.get(), kTimeDataset, H5P_DEFAULT));
        if (!time.valid())
            continue;
        const std::uint64_t count = lengthOf(time.get());
        bool complete = true;
        for (const char* level : kLodDatasets)
            complete = complete && H5Lexists(group.get(), level, H5P_DEFAULT) > 0;
        if (complete) {
            // Whole: a killed recording's lagging pyramid is rebuilt too, once.
            const Hid finest(H5Dopen2(group.get(), kLodDatasets[0], H5P_DEFAULT));
            complete = finest.valid() && lengthOf(finest.get()) == count / kLodBlockSizes[0];
        }
        if (!complete)
            missing.push_back({name, count});
    }
    H5Eclear2(H5E_DEFAULT);
    return missing;
}

} // namespace

bool pyramidUsable(std::uint64_t finest_rows, std::uint64_t samples)
{
    return finest_rows * kLodBlockSizes[0] + kLodMaxLag >= samples;
}

void buildChannelPyramid(hid_t time, hid_t value, std::uint64_t count, const hid_t* levels, hid_t row_type,
                         const std::string& what, const std::function<void()>& flush, std::uint64_t& done,
                         std::uint64_t total, const LodProgress& progress)
{
    LodPyramidBuilder builder;
    std::array<std::uint64_t, kLodLevels> written{};
    std::vector<TimeNs> times;
    std::vector<double> values;
    for (std::uint64_t offset = 0; offset < count; offset += kReadBlock) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kReadBlock, count - offset));
        times.resize(n);
        values.resize(n);
        readElements(time, H5T_NATIVE_INT64, offset, n, times.data());
        readElements(value, H5T_NATIVE_DOUBLE, offset, n, values.data());
        builder.append(times.data(), values.data(), n);
        for (std::size_t level = 0; level < kLodLevels; ++level)
            appendLodRows(levels[level], row_type, builder.completed(level), written[level], what);
        if (flush)
            flush();
        done += n;
        if (progress)
            progress(done, total);
    }
}

bool addPyramidToArchive(const std::string& path, const LodProgress& progress)
{
    silenceHdf5Errors();
    if (::access(path.c_str(), W_OK) != 0)
        return false;
    Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST); // SWMR writing needs it
    Hid file(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()));
    if (!file.valid()) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    const std::vector<MissingPyramid> missing = channelsWithoutPyramid(file.get(), path);
    if (missing.empty())
        return true;

    // The short step outside SWMR mode: drop what a cut-short build left, create empty levels.
    const Hid row_type = makeLodRowType();
    struct Channel {
        Hid time;
        Hid value;
        std::array<Hid, kLodLevels> levels;
    };
    std::vector<Channel> channels(missing.size());
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < missing.size(); ++i) {
        const std::string group_path = std::string(kChannelsGroup) + "/" + missing[i].group;
        const Hid group(checkHdf5Id(H5Gopen2(file.get(), group_path.c_str(), H5P_DEFAULT),
                                    "cannot open " + group_path + " in " + path));
        for (const char* level : kLodDatasets) {
            if (H5Lexists(group.get(), level, H5P_DEFAULT) > 0)
                checkHdf5(H5Ldelete(group.get(), level, H5P_DEFAULT), "cannot remove an unfinished pyramid from " + path);
        }
        Channel& channel = channels[i];
        for (std::size_t level = 0; level < kLodLevels; ++level)
            channel.levels[level] = createLodDataset(group.get(), level, row_type.get());
        channel.time = Hid(checkHdf5Id(H5Dopen2(group.get(), kTimeDataset, H5P_DEFAULT), "cannot open " + group_path));
        channel.value = Hid(checkHdf5Id(H5Dopen2(group.get(), kValueDataset, H5P_DEFAULT), "cannot open " + group_path));
        total += missing[i].count;
    }
    checkHdf5(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "cannot flush " + path);
    checkHdf5(H5Fstart_swmr_write(file.get()), "cannot start SWMR writing on " + path);

    const auto flush = [&file, &path] { checkHdf5(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "cannot flush " + path); };
    std::uint64_t done = 0;
    for (std::size_t i = 0; i < missing.size(); ++i) {
        std::array<hid_t, kLodLevels> levels{};
        for (std::size_t level = 0; level < kLodLevels; ++level)
            levels[level] = channels[i].levels[level].get();
        buildChannelPyramid(channels[i].time.get(), channels[i].value.get(), missing[i].count, levels.data(),
                            row_type.get(), "the pyramid of " + missing[i].group + " in " + path, flush, done, total,
                            progress);
    }
    channels.clear();
    if (!file.close())
        throw ArchiveError("cannot close " + path + ": " + takeHdf5ErrorMessage());
    return true;
}

} // namespace streamscope::archive
