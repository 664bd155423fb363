#include "core/archive/archive_sample_stream.h"

#include "core/processing/channel_glob.h"

#include <algorithm>
#include <limits>

namespace streamscope {

namespace {

bool matchesAny(const std::vector<std::string>& globs, const std::string& name)
{
    return globs.empty()
        || std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) { return globMatches(glob, name); });
}

} // namespace

ArchiveSampleStream::ArchiveSampleStream(const ArchiveReader& reader, ArchiveSampleStreamOptions options)
    : reader_(reader), options_(std::move(options))
{
    options_.block_samples = std::max<std::size_t>(options_.block_samples, 1);
    for (std::size_t i = 0; i < reader_.channels().size(); ++i) {
        if (matchesAny(options_.channel_globs, reader_.channels()[i].name)) {
            selected_.push_back(i);
            total_ += reader_.channels()[i].count;
        }
    }
    if (selected_.empty())
        throw ArchiveError("no channel of " + reader_.path() + " matches the channel selection");
    cursors_.resize(selected_.size());
    for (std::size_t k = 0; k < selected_.size(); ++k) {
        cursors_[k].channel = selected_[k];
        startAt(cursors_[k], options_.from_ns ? firstIndexAtOrAfter(selected_[k], *options_.from_ns) : 0);
    }
}

void ArchiveSampleStream::startAt(Cursor& cursor, std::uint64_t index)
{
    cursor.offset = index;
    cursor.done = false;
    refill(cursor);
}

void ArchiveSampleStream::refill(Cursor& cursor)
{
    cursor.position = 0;
    const std::size_t n = reader_.read(cursor.channel, cursor.offset, options_.block_samples, cursor.times,
                                       cursor.values);
    cursor.offset += n;
    if (n == 0) {
        cursor.done = true;
        cursor.times.clear();
        cursor.values.clear();
        return;
    }
    peak_buffered_ = std::max(peak_buffered_, bufferedSamples());
    skipOutOfRange(cursor);
}

void ArchiveSampleStream::skipOutOfRange(Cursor& cursor)
{
    for (;;) {
        if (cursor.position >= cursor.times.size()) {
            refill(cursor);
            return;
        }
        const TimeNs t = cursor.times[cursor.position];
        // Out of range samples are skipped, not taken as the end: a later one may be back in range.
        if ((options_.from_ns && t < *options_.from_ns) || (options_.to_ns && t > *options_.to_ns)) {
            ++cursor.position;
            continue;
        }
        return;
    }
}

std::uint64_t ArchiveSampleStream::firstIndexAtOrAfter(std::size_t channel, TimeNs time_ns) const
{
    std::uint64_t low = 0;
    std::uint64_t high = reader_.channels()[channel].count;
    std::vector<TimeNs> time;
    std::vector<double> value;
    while (low < high) {
        const std::uint64_t middle = low + (high - low) / 2;
        if (reader_.read(channel, middle, 1, time, value) == 0)
            return middle; // a shorter time dataset (a killed recorder): nothing beyond
        if (time.front() < time_ns)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

bool ArchiveSampleStream::done() const
{
    return std::all_of(cursors_.begin(), cursors_.end(), [](const Cursor& c) { return c.done; });
}

std::size_t ArchiveSampleStream::earliest() const
{
    std::size_t best = kNone;
    for (std::size_t k = 0; k < cursors_.size(); ++k) {
        const Cursor& cursor = cursors_[k];
        if (!cursor.done && (best == kNone || cursor.times[cursor.position] < cursors_[best].times[cursors_[best].position]))
            best = k;
    }
    return best;
}

TimeNs ArchiveSampleStream::nextTime() const
{
    const Cursor& cursor = cursors_[earliest()];
    return cursor.times[cursor.position];
}

std::size_t ArchiveSampleStream::read(std::vector<ArchiveSample>& out, std::size_t max)
{
    return readUntil(std::numeric_limits<TimeNs>::max(), out, max);
}

std::size_t ArchiveSampleStream::readUntil(TimeNs until_ns, std::vector<ArchiveSample>& out, std::size_t max)
{
    std::size_t n = 0;
    while (n < max) {
        const std::size_t k = earliest();
        if (k == kNone || cursors_[k].times[cursors_[k].position] > until_ns)
            break;
        Cursor& cursor = cursors_[k];
        out.push_back({cursor.times[cursor.position], cursor.values[cursor.position], cursor.channel});
        ++n;
        ++cursor.position;
        skipOutOfRange(cursor);
    }
    return n;
}

void ArchiveSampleStream::seek(TimeNs time_ns)
{
    const TimeNs target = options_.from_ns ? std::max(time_ns, *options_.from_ns) : time_ns;
    for (Cursor& cursor : cursors_)
        startAt(cursor, firstIndexAtOrAfter(cursor.channel, target));
}

std::size_t ArchiveSampleStream::bufferedSamples() const
{
    std::size_t buffered = 0;
    for (const Cursor& cursor : cursors_)
        buffered += cursor.times.size();
    return buffered;
}

std::uint64_t ArchiveSampleStream::consumedSamples() const
{
    std::uint64_t consumed = 0;
    for (const Cursor& cursor : cursors_)
        consumed += cursor.done ? reader_.channels()[cursor.channel].count
                                : cursor.offset - cursor.times.size() + cursor.position;
    return consumed;
}

} // namespace streamscope
