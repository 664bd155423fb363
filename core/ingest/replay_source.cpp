#include "core/ingest/replay_source.h"

#include "core/pipeline/batch_publisher.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace streamscope {

namespace {

// Paced replay publishes on this tick: its lag behind the position is at most one tick of wall time.
constexpr auto kTick = std::chrono::milliseconds(2);
// At most this many batches per turn of the io_context, so other sources on the ingest thread get theirs.
constexpr int kBatchesPerTurn = 16;

void checkSpeed(double speed)
{
    if (!(speed >= ReplaySource::kMinSpeed && speed <= ReplaySource::kMaxSpeed))
        throw std::invalid_argument("replay speed " + std::to_string(speed) + " is outside 0.1 to 1000");
}

TimeNs lastStoredTime(const ArchiveReader& reader, std::size_t channel)
{
    const std::uint64_t count = reader.channels()[channel].count;
    std::vector<TimeNs> time;
    std::vector<double> value;
    if (count == 0 || reader.read(channel, count - 1, 1, time, value) == 0)
        return std::numeric_limits<TimeNs>::min();
    return time.front();
}

} // namespace

ReplaySource::ReplaySource(SourceId id, boost::asio::io_context& context, const std::string& path,
                           ReplaySourceOptions options)
    : Source(id, "replay:" + path), reader_(ArchiveReader::open(path)), options_(std::move(options)),
      timer_(context)
{
    if (!options_.max_speed)
        checkSpeed(options_.speed);
    speed_ = options_.speed;
    paused_ = options_.paused;
    max_speed_ = options_.max_speed;
    options_.batch_samples = std::max<std::size_t>(options_.batch_samples, 1);
    stream_ = std::make_unique<ArchiveSampleStream>(*reader_, options_.selection);

    local_ids_.assign(reader_->channels().size(), 0);
    TimeNs last = std::numeric_limits<TimeNs>::min();
    for (const std::size_t channel : stream_->channels()) {
        const auto local = channels_.intern(reader_->channels()[channel].name);
        if (!local)
            throw ArchiveError(path + " has more channels than one source may carry; select fewer with --channels");
        local_ids_[channel] = *local;
        last = std::max(last, lastStoredTime(*reader_, channel));
    }
    const auto& selection = options_.selection;
    range_start_ns_ = selection.from_ns ? *selection.from_ns
                      : stream_->done() ? reader_->startTimeNs()
                                        : stream_->nextTime();
    range_end_ns_ = selection.to_ns ? *selection.to_ns
                    : reader_->stopTimeNs() ? std::max(*reader_->stopTimeNs(), last)
                                            : std::max(last, range_start_ns_);
    anchor_position_ns_ = range_start_ns_;
    pipeline_clock_ns_.store(range_start_ns_, std::memory_order_release);
}

ReplaySource::~ReplaySource() = default;

void ReplaySource::start(BatchPublisher& publisher)
{
    publisher_ = &publisher;
    running_ = true;
    {
        std::lock_guard lock(mutex_);
        anchor_steady_ = SteadyClock::now();
        clock_started_ = true;
    }
    scheduleTick(true);
}

void ReplaySource::stop()
{
    running_ = false;
    timer_.cancel();
}

void ReplaySource::pause()
{
    std::lock_guard lock(mutex_);
    if (paused_)
        return;
    anchor_position_ns_ = positionLocked(SteadyClock::now());
    paused_ = true;
}

void ReplaySource::resume()
{
    std::lock_guard lock(mutex_);
    if (!paused_)
        return;
    anchor_steady_ = SteadyClock::now();
    paused_ = false;
}

void ReplaySource::seek(TimeNs time_ns)
{
    std::lock_guard lock(mutex_);
    pending_seek_ = std::clamp(time_ns, range_start_ns_, range_end_ns_);
}

void ReplaySource::setSpeed(double speed)
{
    checkSpeed(speed);
    std::lock_guard lock(mutex_);
    const auto now = SteadyClock::now();
    anchor_position_ns_ = positionLocked(now);
    anchor_steady_ = now;
    speed_ = speed;
    max_speed_ = false;
}

void ReplaySource::setMaxSpeed()
{
    std::lock_guard lock(mutex_);
    anchor_position_ns_ = positionLocked(SteadyClock::now());
    max_speed_ = true;
}

bool ReplaySource::maxSpeed() const
{
    std::lock_guard lock(mutex_);
    return max_speed_;
}

TimeNs ReplaySource::position() const
{
    std::lock_guard lock(mutex_);
    return positionLocked(SteadyClock::now());
}

bool ReplaySource::paused() const
{
    std::lock_guard lock(mutex_);
    return paused_;
}

TimeNs ReplaySource::positionLocked(SteadyClock::time_point now) const
{
    if (paused_ || max_speed_ || !clock_started_)
        return anchor_position_ns_;
    const double elapsed_ns = std::chrono::duration<double, std::nano>(now - anchor_steady_).count();
    return std::min(range_end_ns_, anchor_position_ns_ + static_cast<TimeNs>(std::llround(elapsed_ns * speed_)));
}

void ReplaySource::setPipelineClock(TimeNs time_ns)
{
    pipeline_clock_ns_.store(time_ns, std::memory_order_release);
}

void ReplaySource::scheduleTick(bool immediately)
{
    if (immediately) {
        boost::asio::post(timer_.get_executor(), [this] {
            if (running_)
                onTick();
        });
        return;
    }
    timer_.expires_after(kTick);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec && running_)
            onTick();
    });
}

void ReplaySource::applyPendingSeek()
{
    std::optional<TimeNs> target;
    {
        std::lock_guard lock(mutex_);
        target.swap(pending_seek_);
        if (!target)
            return;
        anchor_position_ns_ = *target;
        anchor_steady_ = SteadyClock::now();
    }
    stream_->seek(*target);
    pending_.clear();
    pending_next_ = 0;
    finished_.store(false, std::memory_order_release);
    setPipelineClock(*target);
}

void ReplaySource::onTick()
{
    applyPendingSeek();
    TimeNs due = 0;
    bool paused = false;
    bool max_speed = false;
    {
        std::lock_guard lock(mutex_);
        paused = paused_;
        max_speed = max_speed_;
        due = max_speed ? std::numeric_limits<TimeNs>::max() : positionLocked(SteadyClock::now());
    }
    if (paused || finished()) {
        scheduleTick(false);
        return;
    }
    const bool caught_up = publishUntil(due, max_speed);
    if (caught_up && pending_next_ == pending_.size() && stream_->done()) {
        reachedEnd(max_speed);
    } else if (caught_up && !max_speed) {
        setPipelineClock(due); // every sample up to `due` is published
    }
    // As fast as possible: straight on while the ring takes more; otherwise wait a tick for it to drain.
    scheduleTick(max_speed && caught_up && !finished());
}

bool ReplaySource::publishUntil(TimeNs due_ns, bool max_speed)
{
    for (int turn = 0; turn < kBatchesPerTurn; ++turn) {
        if (pending_next_ == pending_.size()) {
            pending_.clear();
            pending_next_ = 0;
            if (stream_->readUntil(due_ns, pending_, options_.batch_samples) == 0)
                return true;
        }
        if (!publisher_->hasRoom())
            return false; // an archive can wait for the pipeline: nothing is dropped
        SampleBatch& batch = publisher_->begin(id());
        for (; pending_next_ < pending_.size(); ++pending_next_) {
            const ArchiveSample& s = pending_[pending_next_];
            batch.samples.push_back({s.time_ns, s.value, local_ids_[s.channel]});
        }
        const TimeNs last_time = pending_.back().time_ns;
        const std::size_t samples = batch.samples.size();
        const std::size_t dropped = publisher_->commit(channels_);
        SourceCounters::add(counters_.frames, samples);
        SourceCounters::add(counters_.samples, samples);
        SourceCounters::add(counters_.ring_drops, dropped);
        published_.fetch_add(samples, std::memory_order_relaxed);
        if (max_speed) {
            // Samples of equal time may still follow; everything before this one is out.
            setPipelineClock(last_time - 1);
            std::lock_guard lock(mutex_);
            anchor_position_ns_ = last_time;
        }
        if (options_.on_publish)
            options_.on_publish(position(), last_time);
    }
    return false;
}

void ReplaySource::reachedEnd(bool max_speed)
{
    if (!max_speed && position() < range_end_ns_) {
        setPipelineClock(position()); // the clock runs on to the range's end, as the wall clock did live
        return;
    }
    setPipelineClock(range_end_ns_);
    if (options_.loop) {
        std::lock_guard lock(mutex_);
        pending_seek_ = range_start_ns_;
        return;
    }
    {
        std::lock_guard lock(mutex_);
        anchor_position_ns_ = range_end_ns_;
        paused_ = false;
    }
    finished_.store(true, std::memory_order_release);
}

} // namespace streamscope
