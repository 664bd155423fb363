#include "core/archive/csv_exporter.h"

#include "core/archive/archive_sample_stream.h"

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>
#include <memory>

namespace streamscope {

namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

void appendValue(std::string& line, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    line.append(buffer, result.ptr);
}

} // namespace

std::string formatEpochTime(TimeNs time_ns)
{
    const bool negative = time_ns < 0;
    const unsigned long long magnitude =
        negative ? 0ULL - static_cast<unsigned long long>(time_ns) : static_cast<unsigned long long>(time_ns);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%09llu", negative ? "-" : "", magnitude / 1'000'000'000ULL,
                  magnitude % 1'000'000'000ULL);
    return buffer;
}

std::string formatIsoTime(TimeNs time_ns)
{
    TimeNs seconds = time_ns / 1'000'000'000;
    TimeNs nanos = time_ns % 1'000'000'000;
    if (nanos < 0) {
        nanos += 1'000'000'000;
        --seconds;
    }
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s.%09lldZ", date, static_cast<long long>(nanos));
    return buffer;
}

CsvExportResult exportCsv(const ArchiveReader& reader, const std::string& out_path, const CsvExportOptions& options)
{
    ArchiveSampleStream stream(reader, {options.channel_globs, options.from_ns, options.to_ns});
    const std::vector<std::size_t>& selected = stream.channels();

    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(out_path.c_str(), "w"));
    if (!file)
        throw ArchiveError("cannot create " + out_path + ": " + std::strerror(errno));
    std::setvbuf(file.get(), nullptr, _IOFBF, 1 << 20);

    const bool wide = options.layout == CsvExportOptions::Layout::Wide;
    std::string line = "time";
    if (wide) {
        for (const std::size_t i : selected)
            line += "," + csvField(reader.channels()[i].name);
    } else {
        line += ",channel,value";
    }
    line += '\n';

    // The column of each archive channel in a wide row.
    std::vector<std::size_t> column(reader.channels().size(), 0);
    for (std::size_t k = 0; k < selected.size(); ++k)
        column[selected[k]] = k;

    CsvExportResult result;
    result.channels = selected.size();
    std::uint64_t next_progress = 0;
    const auto formatTime = [&](TimeNs t) {
        return options.time_format == CsvExportOptions::TimeFormat::Iso ? formatIsoTime(t) : formatEpochTime(t);
    };
    std::vector<ArchiveSample> group; // the samples of one timestamp
    std::vector<std::vector<double>> cells(selected.size());
    for (;;) {
        if (std::fwrite(line.data(), 1, line.size(), file.get()) != line.size())
            throw ArchiveError("cannot write " + out_path + ": " + std::strerror(errno));
        line.clear();
        if (stream.done())
            break;
        const TimeNs earliest = stream.nextTime();
        group.clear();
        stream.readUntil(earliest, group, std::numeric_limits<std::size_t>::max());
        const std::string time_text = formatTime(earliest);
        if (wide) {
            // One row per timestamp; a channel with several samples at it gets a row for each.
            std::size_t rows = 0;
            for (auto& values : cells)
                values.clear();
            for (const ArchiveSample& sample : group) {
                cells[column[sample.channel]].push_back(sample.value);
                rows = std::max(rows, cells[column[sample.channel]].size());
            }
            for (std::size_t row = 0; row < rows; ++row) {
                line += time_text;
                for (const auto& values : cells) {
                    line += ',';
                    if (row < values.size())
                        appendValue(line, values[row]);
                }
                line += '\n';
            }
            result.rows += rows;
        } else {
            for (const ArchiveSample& sample : group) {
                line += time_text;
                line += ',';
                line += csvField(reader.channels()[sample.channel].name);
                line += ',';
                appendValue(line, sample.value);
                line += '\n';
            }
            result.rows += group.size();
        }
        result.samples += group.size();
        if (options.progress && result.samples >= next_progress) {
            const std::uint64_t total = stream.totalSamples();
            options.progress(total == 0 ? 1.0
                                        : static_cast<double>(stream.consumedSamples()) / static_cast<double>(total));
            next_progress = result.samples + 100000;
        }
    }
    if (std::fflush(file.get()) != 0 || std::ferror(file.get()))
        throw ArchiveError("cannot write " + out_path + ": " + std::strerror(errno));
    if (options.progress)
        options.progress(1.0);
    return result;
}

} // namespace streamscope
