// The archive reader on corrupt and truncated archives: the input is written to a file, opened with
// ArchiveReader and read through (metadata, every channel's samples and summary, events, counters).
// A damaged file must end in ArchiveError or in what could be read, never a crash.
#include "core/archive/archive_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

using namespace streamscope;

namespace {

const std::string& scratchPath()
{
    static const std::string path = [] {
        const char* dir = std::getenv("TMPDIR");
        return std::string(dir ? dir : "/tmp") + "/streamscope-fuzz-archive-" + std::to_string(::getpid()) + ".h5";
    }();
    return path;
}

void readEverything(const ArchiveReader& reader)
{
    std::vector<TimeNs> times;
    std::vector<double> values;
    for (std::size_t index = 0; index < reader.channels().size(); ++index) {
        const std::size_t got = reader.read(index, 0, 4096, times, values);
        if (got > 4096 || times.size() < got || values.size() < got)
            std::abort();
        (void)reader.summarize(index);
    }
    (void)reader.alertEvents();
    (void)reader.sourceEvents();
    (void)reader.sourceCounters();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = scratchPath();
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        std::abort();
    if (size > 0 && std::fwrite(data, 1, size, file) != size)
        std::abort();
    std::fclose(file);
    try {
        const auto reader = ArchiveReader::open(path);
        readEverything(*reader);
    } catch (const ArchiveError& error) {
        if (std::string(error.what()).find(path) == std::string::npos)
            std::abort(); // the message names the file
    }
    std::remove(path.c_str());
    return 0;
}
