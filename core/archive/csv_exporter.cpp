#include "core/archive/csv_exporter.h"

#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fnmatch.h>
#include <memory>

namespace streamscope {

namespace {

// Reads one channel forward in blocks, skipping samples outside the time range.
class ChannelCursor {
public:
    ChannelCursor(const ArchiveReader& reader, std::size_t index, const CsvExportOptions& options)
        : reader_(reader), index_(index), from_(options.from_ns), to_(options.to_ns)
    {
        refill();
    }

    [[nodiscard]] bool done() const { return done_; }
    [[nodiscard]] TimeNs time() const { return times_[position_]; }
    [[nodiscard]] double value() const { return values_[position_]; }
    [[nodiscard]] std::uint64_t consumed() const { return consumed_; }

    void advance()
    {
        ++position_;
        ++consumed_;
        skipOutOfRange();
    }

private:
    static constexpr std::size_t kBlock = 65536;

    void refill()
    {
        position_ = 0;
        const std::size_t n = reader_.read(index_, offset_, kBlock, times_, values_);
        offset_ += n;
        if (n == 0) {
            done_ = true;
            return;
        }
        skipOutOfRange();
    }

    void skipOutOfRange()
    {
        for (;;) {
            if (position_ >= times_.size()) {
                refill();
                return;
            }
            const TimeNs t = times_[position_];
            if (to_ && t > *to_) {
                // Archives are written in arrival order, which is time order for a well-behaved source;
                // later samples could still be in range, so keep scanning rather than stop.
                ++position_;
                ++consumed_;
                continue;
            }
            if (from_ && t < *from_) {
                ++position_;
                ++consumed_;
                continue;
            }
            return;
        }
    }

    const ArchiveReader& reader_;
    std::size_t index_;
    std::optional<TimeNs> from_;
    std::optional<TimeNs> to_;
    std::vector<TimeNs> times_;
    std::vector<double> values_;
    std::size_t position_ = 0;
    std::uint64_t offset_ = 0;
    std::uint64_t consumed_ = 0;
    bool done_ = false;
};

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

bool matches(const std::vector<std::string>& globs, const std::string& name)
{
    if (globs.empty())
        return true;
    for (const std::string& glob : globs) {
        if (fnmatch(glob.c_str(), name.c_str(), 0) == 0)
            return true;
    }
    return false;
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
    std::vector<std::size_t> selected;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < reader.channels().size(); ++i) {
        if (matches(options.channel_globs, reader.channels()[i].name)) {
            selected.push_back(i);
            total += reader.channels()[i].count;
        }
    }
    if (selected.empty())
        throw ArchiveError("no channel of " + reader.path() + " matches the --channels selection");

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

    std::vector<ChannelCursor> cursors;
    cursors.reserve(selected.size());
    for (const std::size_t i : selected)
        cursors.emplace_back(reader, i, options);

    CsvExportResult result;
    result.channels = selected.size();
    std::uint64_t next_progress = 0;
    const auto formatTime = [&](TimeNs t) {
        return options.time_format == CsvExportOptions::TimeFormat::Iso ? formatIsoTime(t) : formatEpochTime(t);
    };
    for (;;) {
        if (std::fwrite(line.data(), 1, line.size(), file.get()) != line.size())
            throw ArchiveError("cannot write " + out_path + ": " + std::strerror(errno));
        line.clear();
        bool any = false;
        TimeNs earliest = 0;
        for (const ChannelCursor& cursor : cursors) {
            if (!cursor.done() && (!any || cursor.time() < earliest)) {
                earliest = cursor.time();
                any = true;
            }
        }
        if (!any)
            break;
        const std::string time_text = formatTime(earliest);
        if (wide) {
            line = time_text;
            for (ChannelCursor& cursor : cursors) {
                line += ',';
                if (!cursor.done() && cursor.time() == earliest) {
                    appendValue(line, cursor.value());
                    cursor.advance();
                    ++result.samples;
                }
            }
            line += '\n';
            ++result.rows;
        } else {
            for (std::size_t k = 0; k < cursors.size(); ++k) {
                ChannelCursor& cursor = cursors[k];
                while (!cursor.done() && cursor.time() == earliest) {
                    line += time_text;
                    line += ',';
                    line += csvField(reader.channels()[selected[k]].name);
                    line += ',';
                    appendValue(line, cursor.value());
                    line += '\n';
                    cursor.advance();
                    ++result.samples;
                    ++result.rows;
                }
            }
        }
        if (options.progress && result.samples >= next_progress) {
            std::uint64_t consumed = 0;
            for (const ChannelCursor& cursor : cursors)
                consumed += cursor.consumed();
            options.progress(total == 0 ? 1.0 : static_cast<double>(consumed) / static_cast<double>(total));
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
