#include "core/ingest/ingest_thread.h"

#include <boost/asio/post.hpp>

#include <future>
#include <memory>

namespace streamscope {

IngestThread::IngestThread(std::size_t ring_batches) : ring_(ring_batches) {}

IngestThread::~IngestThread() { stop(); }

void IngestThread::addSource(std::unique_ptr<Source> source)
{
    sources_.push_back(std::move(source));
}

void IngestThread::start()
{
    if (thread_.joinable())
        return;
    work_.emplace(context_.get_executor());
    for (auto& source : sources_)
        boost::asio::post(context_, [this, s = source.get()] { s->start(publisher_); });
    thread_ = std::thread([this] { context_.run(); });
}

void IngestThread::stop()
{
    if (!thread_.joinable())
        return;
    // Shared, not on this stack: set_value() may still be touching the promise when wait() returns.
    auto stopped = std::make_shared<std::promise<void>>();
    boost::asio::post(context_, [this, stopped] {
        for (auto& source : sources_)
            source->stop();
        stopped->set_value();
    });
    stopped->get_future().wait();
    work_.reset();
    context_.stop();
    thread_.join();
}

} // namespace streamscope
