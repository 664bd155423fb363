// Writes a tiny valid archive (two channels, an alert, a source event and counters) as the archive
// reader's seed: `make_archive_seed OUT.h5`. Generated at fuzz time so that no binary is committed.
#include "core/archive/archive_writer.h"

#include <cstdio>
#include <exception>

using namespace streamscope;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_archive_seed OUT.h5\n");
        return 2;
    }
    try {
        ArchiveWriterOptions options;
        options.chunk_samples = 8; // several chunks from a few samples
        options.app_version = "fuzz-seed";
        options.start_time_ns = 1'700'000'000'000'000'000;
        options.session_config = R"({"sources": [{"type": "demo"}]})";
        auto writer = ArchiveWriter::create(argv[1], options);
        writer->addChannel(0, {.source = "demo", .name = "temp", .unit = "degC", .display_name = "Temperature"});
        writer->addChannel(1, {.source = "demo", .name = "hum", .unit = "%"});
        for (int i = 0; i < 20; ++i) {
            const TimeNs time = options.start_time_ns + i * 1'000'000;
            writer->append(0, time, 20.0 + i);
            writer->append(1, time, 40.0 - i);
        }
        writer->appendAlertRecord({options.start_time_ns + 5'000'000, "demo/temp", "temp > 24", "warning", true, 25.0});
        writer->appendSourceEvent({"demo", "gap", options.start_time_ns, options.start_time_ns + 1'000'000, "gone"});
        writer->setSourceCounters({{"demo", 20, 1, 0, 0}});
        writer->flush();
        writer->close(options.start_time_ns + 20'000'000, 0);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "make_archive_seed: %s\n", error.what());
        return 1;
    }
    return 0;
}
