#pragma once

#include "core/ingest/source_counters.h"
#include "core/ingest/source_gap.h"
#include "core/pipeline/sample_batch.h"

#include <string>
#include <vector>

namespace streamscope {

class BatchPublisher;

// Something that produces samples on the ingest thread: a UDP socket, a serial port, the demo
// generator, an archive being replayed. Everything after the ingest ring is the same for all of them.
class Source {
public:
    Source(SourceId id, std::string name) : id_(id), name_(std::move(name)) {}
    virtual ~Source() = default;
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    // Runs on the ingest thread: begin reading and publishing through `publisher`.
    virtual void start(BatchPublisher& publisher) = 0;
    // Runs on the ingest thread: stop reading; no more batches after this returns.
    virtual void stop() = 0;

    [[nodiscard]] SourceId id() const { return id_; }
    // A user-facing name such as "udp:0.0.0.0:9000" or "demo".
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const SourceCounters& counters() const { return counters_; }
    // Any thread: the times this source could not deliver (a serial device unplugged). Most have none.
    [[nodiscard]] virtual std::vector<SourceGap> gaps() const { return {}; }

protected:
    void setName(std::string name) { name_ = std::move(name); }

    SourceCounters counters_;

private:
    SourceId id_;
    std::string name_;
};

} // namespace streamscope
