#pragma once

#include "widgets/plot_archive.h"

#include <QObject>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace streamscope::widgets {

// Runs the plots' queries of an archive on a worker thread, so that a zoom or pan over a large archive
// never waits for the file: each curve (a key) asks for the columns of the range it now shows, a newer
// request of a curve replaces its request not started yet, and the latest result of each curve waits for
// it to take it at its next frame. ready() tells the GUI thread that a result arrived.
class ArchiveQueries : public QObject {
    Q_OBJECT
public:
    struct Result {
        M4Range range;
        std::vector<M4Column> columns;
    };

    // `archive` must outlive this; its query() is called from the worker thread only.
    explicit ArchiveQueries(const PlotArchive& archive);
    ~ArchiveQueries() override; // waits for a query under way

    // GUI thread.
    void request(std::uint64_t key, ChannelIndex channel, M4Range range);
    // The latest result for `key` not taken yet.
    [[nodiscard]] std::optional<Result> take(std::uint64_t key);

Q_SIGNALS:
    void ready();

private:
    struct Request {
        ChannelIndex channel = 0;
        M4Range range;
    };
    void run();

    const PlotArchive& archive_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::uint64_t, Request> pending_;
    std::map<std::uint64_t, Result> results_;
    bool stopping_ = false;
    std::thread worker_;
};

} // namespace streamscope::widgets
