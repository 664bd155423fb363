#include "core/archive/lod_cache.h"

#include "core/archive/archive_format.h"
#include "core/archive/archive_pyramid.h"
#include "core/archive/lod_pyramid.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace streamscope {

using namespace archive;

namespace {

constexpr const char* kAttrSourcePath = "source_path";
constexpr const char* kAttrSourceSize = "source_size";
constexpr const char* kAttrSourceMtime = "source_mtime_ns";

// What identifies the archive a cache was built from.
struct SourceStamp {
    std::string path;
    long long size = 0;
    long long mtime_ns = 0;
};

SourceStamp stampOf(const std::string& archive_path)
{
    SourceStamp stamp;
    std::error_code error;
    stamp.path = std::filesystem::absolute(archive_path, error).lexically_normal().string();
    struct stat info {};
    if (::stat(archive_path.c_str(), &info) == 0) {
        stamp.size = info.st_size;
        stamp.mtime_ns = static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    }
    return stamp;
}

std::string cacheDirectory()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg != nullptr && *xdg == '/')
        return std::string(xdg) + "/streamscope/lod";
    const char* home = std::getenv("HOME");
    return std::string(home != nullptr ? home : "/tmp") + "/.cache/streamscope/lod";
}

// FNV-1a: a stable name for a path, the same in every build.
std::uint64_t hashOf(const std::string& text)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

bool covers(hid_t file, const SourceStamp& stamp, const ArchiveReader& reader, const std::vector<std::size_t>& channels)
{
    std::string path;
    long long size = 0;
    long long mtime = 0;
    if (!readStringAttribute(file, kAttrSourcePath, path) || !readInt64Attribute(file, kAttrSourceSize, size) ||
        !readInt64Attribute(file, kAttrSourceMtime, mtime) || path != stamp.path || size != stamp.size ||
        mtime != stamp.mtime_ns)
        return false;
    for (const std::size_t index : channels) {
        const std::string group = std::string(kChannelsGroup) + "/" + reader.channels()[index].group;
        for (const char* dataset : kLodDatasets) {
            const std::string link = group + "/" + dataset;
            if (H5Lexists(file, kChannelsGroup, H5P_DEFAULT) <= 0 || H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0 ||
                H5Lexists(file, link.c_str(), H5P_DEFAULT) <= 0)
                return false;
        }
    }
    return true;
}

void build(const std::string& path, const SourceStamp& stamp, const ArchiveReader& reader,
           const std::vector<std::size_t>& channels, const LodCache::Progress& progress)
{
    Hid file(checkHdf5Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                         "cannot create the pyramid cache " + path));
    writeStringAttribute(file.get(), kAttrSourcePath, stamp.path);
    writeInt64Attribute(file.get(), kAttrSourceSize, stamp.size);
    writeInt64Attribute(file.get(), kAttrSourceMtime, stamp.mtime_ns);
    const Hid channels_group(checkHdf5Id(H5Gcreate2(file.get(), kChannelsGroup, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                         "cannot create /channels in " + path));
    const Hid row_type = makeLodRowType();
    std::uint64_t total = 0;
    for (const std::size_t index : channels)
        total += reader.channels()[index].count;
    std::uint64_t done = 0;
    for (const std::size_t index : channels) {
        const ArchiveChannel& channel = reader.channels()[index];
        const Hid group(checkHdf5Id(
            H5Gcreate2(channels_group.get(), channel.group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
            "cannot create a channel group in " + path));
        std::array<Hid, kLodLevels> datasets;
        std::array<hid_t, kLodLevels> levels{};
        for (std::size_t level = 0; level < kLodLevels; ++level) {
            datasets[level] = createLodDataset(group.get(), level, row_type.get());
            levels[level] = datasets[level].get();
        }
        const std::string series = std::string(kChannelsGroup) + "/" + channel.group + "/";
        const std::string what = "cannot read channel '" + channel.name + "' of " + reader.path();
        const Hid time(checkHdf5Id(H5Dopen2(reader.file(), (series + kTimeDataset).c_str(), H5P_DEFAULT), what));
        const Hid value(checkHdf5Id(H5Dopen2(reader.file(), (series + kValueDataset).c_str(), H5P_DEFAULT), what));
        buildChannelPyramid(time.get(), value.get(), channel.count, levels.data(), row_type.get(),
                            "the pyramid cache " + path, {}, done, total, progress);
    }
    if (!file.close())
        throw ArchiveError("cannot write the pyramid cache " + path + ": " + takeHdf5ErrorMessage());
}

} // namespace

std::string LodCache::pathFor(const std::string& archive_path)
{
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.h5",
                  static_cast<unsigned long long>(hashOf(stampOf(archive_path).path)));
    return cacheDirectory() + "/" + name;
}

Hid LodCache::open(const ArchiveReader& reader, const std::vector<std::size_t>& channels, const Progress& progress,
                   bool& built)
{
    const SourceStamp stamp = stampOf(reader.path());
    const std::string path = pathFor(reader.path());
    built = false;
    if (::access(path.c_str(), R_OK) == 0) {
        Hid file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        if (file.valid() && covers(file.get(), stamp, reader, channels))
            return file;
        H5Eclear2(H5E_DEFAULT);
    }
    std::error_code error;
    std::filesystem::create_directories(cacheDirectory(), error);
    if (error)
        throw ArchiveError("cannot create the pyramid cache folder " + cacheDirectory() + ": " + error.message());
    // Built under a temporary name and renamed, so that a build cut short never leaves a cache that looks whole.
    const std::string temporary = path + ".tmp" + std::to_string(::getpid());
    try {
        build(temporary, stamp, reader, channels, progress);
    } catch (const ArchiveError&) {
        std::filesystem::remove(temporary, error);
        throw;
    }
    std::filesystem::rename(temporary, path, error);
    if (error)
        throw ArchiveError("cannot store the pyramid cache " + path + ": " + error.message());
    built = true;
    Hid file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid())
        throw ArchiveError("cannot open the pyramid cache " + path + ": " + takeHdf5ErrorMessage());
    return file;
}

} // namespace streamscope
