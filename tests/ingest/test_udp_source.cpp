// Integration: the whole path from a real UDP socket on loopback through the ingest thread, the ring and
// the pipeline into the channel store.
#include "core/engine.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

using namespace streamscope;

namespace {

// Sends each datagram from a fresh, real UDP socket to ADDRESS:PORT.
void sendDatagrams(const char* address, std::uint16_t port, const std::vector<std::string>& datagrams)
{
    const bool v6 = std::string(address).find(':') != std::string::npos;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_storage to{};
    socklen_t length = 0;
    if (v6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&to);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        ::inet_pton(AF_INET6, address, &a->sin6_addr);
        length = sizeof *a;
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&to);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        ::inet_pton(AF_INET, address, &a->sin_addr);
        length = sizeof *a;
    }
    for (const std::string& d : datagrams) {
        const auto sent = ::sendto(fd, d.data(), d.size(), 0, reinterpret_cast<sockaddr*>(&to), length);
        QCOMPARE(sent, static_cast<ssize_t>(d.size()));
    }
    ::close(fd);
}

UdpSourceOptions kvOn(const char* address)
{
    UdpSourceOptions options;
    options.endpoint.address = address;
    options.endpoint.port = 0; // any free port
    options.decoder.format = TextFormat::KeyValue;
    return options;
}

} // namespace

class TestUdpSource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everySampleArrivesWithItsChannelValueAndOrder()
    {
        Engine engine;
        QVERIFY(!engine.addUdpSource(kvOn("127.0.0.1")));
        const std::uint16_t port = engine.udpPorts().at(0);
        QVERIFY(port != 0);
        engine.start();

        // 2000 datagrams of 5 lines each: seq:N,half:N/2 — one or many lines per datagram, CRLF mixed in.
        constexpr int kLines = 10'000;
        std::vector<std::string> datagrams;
        std::string datagram;
        for (int n = 0; n < kLines; ++n) {
            datagram += "seq:" + std::to_string(n) + ",half=" + std::to_string(n / 2.0) + (n % 3 ? "\n" : "\r\n");
            if (n % 5 == 4) {
                datagrams.push_back(datagram);
                datagram.clear();
            }
        }
        sendDatagrams("127.0.0.1", port, datagrams);

        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(2 * kLines), 10000);
        engine.stop();

        const auto channels = engine.store().snapshot();
        QCOMPARE(channels.size(), std::size_t(2));
        QCOMPARE(channels[0].info.name, std::string("seq"));
        QCOMPARE(channels[1].info.name, std::string("half"));
        QCOMPARE(channels[0].info.source, "udp:127.0.0.1:" + std::to_string(port));
        const HistorySlice seq = engine.store().readHistorySince(0, 0);
        const HistorySlice half = engine.store().readHistorySince(1, 0);
        QCOMPARE(seq.values.size(), std::size_t(kLines));
        for (int n = 0; n < kLines; ++n) {
            QCOMPARE(seq.values[static_cast<std::size_t>(n)], static_cast<double>(n));
            QCOMPARE(half.values[static_cast<std::size_t>(n)], n / 2.0);
        }
        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.datagrams, std::uint64_t(datagrams.size()));
        QCOMPARE(status.frames, std::uint64_t(kLines));
        QCOMPARE(status.decode_errors, std::uint64_t(0));
        QCOMPARE(status.kernel_drops + status.ring_drops, std::uint64_t(0));
    }

    void aDatagramNearTheUdpLimitArrivesWhole()
    {
        // 65507 bytes is the largest IPv4 UDP payload: one CSV line of 3600 channels fills most of it.
        UdpSourceOptions options = kvOn("127.0.0.1");
        options.decoder.format = TextFormat::Csv;
        options.decoder.max_channels = 4096; // above the default cap of 1024
        Engine engine;
        QVERIFY(!engine.addUdpSource(options));
        engine.start();
        std::string line;
        for (int i = 0; i < 3600; ++i)
            line += (i ? "," : "") + std::to_string(1000000 + i) + ".123456789";
        const std::size_t fields = 3600;
        QVERIFY(line.size() > 64000 && line.size() <= 65507);
        sendDatagrams("127.0.0.1", engine.udpPorts().at(0), {line});
        QTRY_COMPARE(engine.pipeline().samplesProcessed(), std::uint64_t(fields));
        engine.stop();
        const auto channels = engine.store().snapshot();
        QCOMPARE(channels.size(), fields);
        QCOMPARE(channels.back().info.name, "ch" + std::to_string(fields));
        QCOMPARE(channels.back().totals.last, 1003599.123456789);
        QCOMPARE(engine.sourceStatus().at(0).decode_errors, std::uint64_t(0));
    }

    void samplesCarryTheKernelReceiveTime()
    {
        Engine engine;
        QVERIFY(!engine.addUdpSource(kvOn("127.0.0.1")));
        engine.start();
        const auto before = std::chrono::system_clock::now();
        sendDatagrams("127.0.0.1", engine.udpPorts().at(0), {"x:1"});
        QTRY_COMPARE(engine.pipeline().samplesProcessed(), std::uint64_t(1));
        const auto after = std::chrono::system_clock::now();
        engine.stop();
        const TimeNs t = engine.store().snapshot().at(0).totals.last_time_ns;
        QVERIFY(t >= std::chrono::duration_cast<std::chrono::nanoseconds>(before.time_since_epoch()).count());
        QVERIFY(t <= std::chrono::duration_cast<std::chrono::nanoseconds>(after.time_since_epoch()).count());
    }

    void listensOnIpv6Loopback()
    {
        Engine engine;
        if (auto error = engine.addUdpSource(kvOn("::1")))
            QSKIP(qPrintable(QStringLiteral("no IPv6 loopback here: %1").arg(QString::fromStdString(*error))));
        engine.start();
        sendDatagrams("::1", engine.udpPorts().at(0), {"v6:42\nv6:43"});
        QTRY_COMPARE(engine.pipeline().samplesProcessed(), std::uint64_t(2));
        engine.stop();
        QCOMPARE(engine.store().snapshot().at(0).totals.last, 43.0);
    }

    void severalSourcesRunAtOnce()
    {
        Engine engine;
        QVERIFY(!engine.addUdpSource(kvOn("127.0.0.1")));
        UdpSourceOptions csv = kvOn("127.0.0.1");
        csv.decoder.format = TextFormat::Csv;
        QVERIFY(!engine.addUdpSource(csv));
        engine.start();
        const auto ports = engine.udpPorts();
        QCOMPARE(ports.size(), std::size_t(2));
        sendDatagrams("127.0.0.1", ports[0], {"a:1"});
        sendDatagrams("127.0.0.1", ports[1], {"5,6"});
        QTRY_COMPARE(engine.pipeline().samplesProcessed(), std::uint64_t(3));
        engine.stop();
        QStringList seen;
        for (const ChannelSnapshot& c : engine.store().snapshot())
            seen << QString::fromStdString(c.info.name + "=" + std::to_string(static_cast<int>(c.totals.last)));
        seen.sort();
        QCOMPARE(seen, (QStringList{QStringLiteral("a=1"), QStringLiteral("ch1=5"), QStringLiteral("ch2=6")}));
    }

    void joinsAMulticastGroup()
    {
        UdpSourceOptions options = kvOn("239.255.77.77");
        options.endpoint.port = 47123;
        options.multicast_interface = "127.0.0.1";
        Engine engine;
        if (auto error = engine.addUdpSource(options))
            QSKIP(qPrintable(QStringLiteral("multicast unavailable here: %1").arg(QString::fromStdString(*error))));
        engine.start();

        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        in_addr interface_address{};
        ::inet_pton(AF_INET, "127.0.0.1", &interface_address);
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &interface_address, sizeof interface_address);
        const unsigned char loop = 1;
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
        sockaddr_in group{};
        group.sin_family = AF_INET;
        group.sin_port = htons(47123);
        ::inet_pton(AF_INET, "239.255.77.77", &group.sin_addr);
        const std::string payload = "mc:7";
        const auto sent = ::sendto(fd, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&group), sizeof group);
        ::close(fd);
        if (sent != static_cast<ssize_t>(payload.size()))
            QSKIP("cannot send to a multicast group on this host");
        QTRY_COMPARE_WITH_TIMEOUT(engine.pipeline().samplesProcessed(), std::uint64_t(1), 3000);
        engine.stop();
        QCOMPARE(engine.store().snapshot().at(0).info.name, std::string("mc"));
    }

    void aBusyPortIsAClearErrorNamingIt()
    {
        Engine first;
        QVERIFY(!first.addUdpSource(kvOn("127.0.0.1")));
        UdpSourceOptions same = kvOn("127.0.0.1");
        same.endpoint.port = first.udpPorts().at(0);
        Engine second;
        const auto error = second.addUdpSource(same);
        QVERIFY(error.has_value());
        const QString message = QString::fromStdString(*error);
        QVERIFY2(message.contains(QStringLiteral("127.0.0.1:%1").arg(same.endpoint.port)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("in use")), qPrintable(message));
    }

    void kernelDropsAreCountedFromTheSocket()
    {
        // A tiny receive buffer and a source that is not read yet: the kernel must drop, and say so.
        UdpSourceOptions options = kvOn("127.0.0.1");
        options.receive_buffer_bytes = 4096;
        Engine engine;
        QVERIFY(!engine.addUdpSource(options));
        std::vector<std::string> flood(500, std::string("x:1\n") + std::string(200, ' '));
        sendDatagrams("127.0.0.1", engine.udpPorts().at(0), flood);
        engine.start();
        // The kernel stamps its running drop count on each datagram it queues, so a datagram queued
        // after the overflow carries it. Send probes until one has been read.
        std::uint64_t probes = 0;
        for (int attempt = 0; attempt < 100 && engine.sourceStatus().at(0).kernel_drops == 0; ++attempt) {
            sendDatagrams("127.0.0.1", engine.udpPorts().at(0), {"x:2"});
            ++probes;
            QTest::qWait(20);
        }
        QTRY_COMPARE(engine.sourceStatus().at(0).datagrams + engine.sourceStatus().at(0).kernel_drops,
                     std::uint64_t(flood.size() + probes));
        engine.stop();
        const SourceStatus status = engine.sourceStatus().at(0);
        QVERIFY(status.kernel_drops > 0);
        // Everything sent was either delivered or counted as dropped by the kernel.
        QCOMPARE(status.datagrams + status.kernel_drops, std::uint64_t(flood.size() + probes));
    }

    void malformedLinesAreCountedAndTheRestKept()
    {
        Engine engine;
        QVERIFY(!engine.addUdpSource(kvOn("127.0.0.1")));
        engine.start();
        sendDatagrams("127.0.0.1", engine.udpPorts().at(0), {"ok:1\ngarbage:abc\nok:2", std::string("\x01\xff\x00zz", 5), "ok:3"});
        QTRY_COMPARE(engine.pipeline().samplesProcessed(), std::uint64_t(3));
        engine.stop();
        const SourceStatus status = engine.sourceStatus().at(0);
        QVERIFY(status.decode_errors >= 2);
        QVERIFY(!status.last_error.empty());
        QCOMPARE(engine.store().snapshot().at(0).totals.last, 3.0);
    }
};

QTEST_GUILESS_MAIN(TestUdpSource)
#include "test_udp_source.moc"
