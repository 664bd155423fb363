#pragma once

#include "core/ingest/source.h"
#include "core/pipeline/batch_publisher.h"
#include "core/pipeline/batch_queue.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace streamscope {

// The one thread that talks to sockets and devices. It runs a Boost.Asio io_context with every source
// on it and is the single producer of the ingest ring. Nothing on it blocks or waits for the consumer.
class IngestThread {
public:
    explicit IngestThread(std::size_t ring_batches = 4096);
    ~IngestThread();
    IngestThread(const IngestThread&) = delete;
    IngestThread& operator=(const IngestThread&) = delete;

    [[nodiscard]] boost::asio::io_context& context() { return context_; }
    [[nodiscard]] BatchQueue& ring() { return ring_; }

    // Before start(): the sources to run. Owned by this thread object until it is destroyed.
    void addSource(std::unique_ptr<Source> source);
    [[nodiscard]] const std::vector<std::unique_ptr<Source>>& sources() const { return sources_; }

    void start();
    // Stops every source on the ingest thread, then the thread. Idempotent.
    void stop();

private:
    boost::asio::io_context context_{1};
    BatchQueue ring_;
    BatchPublisher publisher_{ring_};
    std::vector<std::unique_ptr<Source>> sources_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::thread thread_;
};

} // namespace streamscope
