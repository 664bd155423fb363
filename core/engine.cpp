#include "core/engine.h"

namespace streamscope {

Engine::Engine(EngineOptions options)
    : store_(options.history_length), ingest_(options.ring_batches), pipeline_(ingest_.ring(), store_)
{
}

Engine::~Engine() { stop(); }

std::optional<std::string> Engine::addUdpSource(UdpSourceOptions options)
{
    auto source = std::make_unique<UdpSource>(nextSourceId(), ingest_.context(), std::move(options));
    if (auto error = source->open())
        return error;
    addSource(std::move(source));
    return std::nullopt;
}

void Engine::addDemoSource(DemoSourceOptions options)
{
    addSource(std::make_unique<DemoSource>(nextSourceId(), ingest_.context(), options));
}

std::optional<std::string> Engine::addSerialSource(SerialSourceOptions options)
{
    auto source = std::make_unique<SerialSource>(nextSourceId(), ingest_.context(), std::move(options));
    if (auto error = source->open())
        return error;
    addSource(std::move(source));
    return std::nullopt;
}

void Engine::addSource(std::unique_ptr<Source> source)
{
    pipeline_.registerSource(source->id(), source->name());
    ingest_.addSource(std::move(source));
}

void Engine::start()
{
    if (started_)
        return;
    started_ = true;
    pipeline_.start();
    ingest_.start();
}

void Engine::stop()
{
    if (!started_)
        return;
    started_ = false;
    ingest_.stop();
    pipeline_.stop();
}

std::vector<SourceStatus> Engine::sourceStatus() const
{
    std::vector<SourceStatus> result;
    for (const auto& source : ingest_.sources()) {
        const SourceCounters& c = source->counters();
        result.push_back({source->name(), SourceCounters::read(c.datagrams), SourceCounters::read(c.bytes),
                          SourceCounters::read(c.frames), SourceCounters::read(c.samples), c.errors.total(),
                          SourceCounters::read(c.kernel_drops), SourceCounters::read(c.ring_drops),
                          c.errors.count(DecodeError::TooManyChannels), SourceCounters::read(c.rejected_senders),
                          c.errors.lastMessage(), source->gaps()});
    }
    return result;
}

std::vector<std::uint16_t> Engine::udpPorts() const
{
    std::vector<std::uint16_t> ports;
    for (const auto& source : ingest_.sources())
        if (const auto* udp = dynamic_cast<const UdpSource*>(source.get()))
            ports.push_back(udp->boundPort());
    return ports;
}

} // namespace streamscope
