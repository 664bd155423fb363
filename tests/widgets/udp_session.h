#pragma once

// A session for the widget tests: one UDP source on 127.0.0.1 reading name:value lines, and the way to
// wait until the processing stage has seen what a test sent.
#include "core/session/session_config.h"
#include "widgets/live_session.h"

#include <QTest>

namespace streamscope::test {

inline SourceConfig udpKeyValueSource(quint16 port)
{
    SourceConfig source;
    source.type = SourceType::Udp;
    source.address = "127.0.0.1";
    source.port = port;
    source.decoder.format = TextFormat::KeyValue;
    return source;
}

inline SessionConfig udpKeyValueSession(quint16 port)
{
    SessionConfig config;
    config.sources.push_back(udpKeyValueSource(port));
    return config;
}

// The session count of `channel` in the stage's published snapshot (0 before it appears).
inline std::uint64_t publishedCount(const widgets::LiveSession& session, const std::string& channel)
{
    for (const ChannelStatistics& c : session.processing().snapshot().channels)
        if (c.info.name == channel)
            return c.session.count;
    return 0;
}

} // namespace streamscope::test
