#include "widgets/archive_queries.h"

namespace streamscope::widgets {

ArchiveQueries::ArchiveQueries(const PlotArchive& archive) : archive_(archive), worker_([this] { run(); }) {}

ArchiveQueries::~ArchiveQueries()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    worker_.join();
}

void ArchiveQueries::request(std::uint64_t key, ChannelIndex channel, M4Range range)
{
    {
        std::lock_guard lock(mutex_);
        pending_[key] = {channel, range};
    }
    wake_.notify_one();
}

std::optional<ArchiveQueries::Result> ArchiveQueries::take(std::uint64_t key)
{
    std::lock_guard lock(mutex_);
    const auto it = results_.find(key);
    if (it == results_.end())
        return std::nullopt;
    Result result = std::move(it->second);
    results_.erase(it);
    return result;
}

void ArchiveQueries::run()
{
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        if (stopping_)
            return;
        const auto next = pending_.begin();
        const std::uint64_t key = next->first;
        const Request request = next->second;
        pending_.erase(next);
        lock.unlock();
        Result result{request.range, {}};
        archive_.query(request.channel, request.range, result.columns);
        lock.lock();
        results_[key] = std::move(result);
        // Queued to the GUI thread; dropped if this object is gone by then.
        QMetaObject::invokeMethod(this, [this] { Q_EMIT ready(); }, Qt::QueuedConnection);
    }
}

} // namespace streamscope::widgets
