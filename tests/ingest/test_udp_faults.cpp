// Faults and hostile senders at a UDP source, over real sockets on loopback: floods of random bytes,
// floods of new channel names, and senders outside --allow-from.
#include "core/engine.h"
#include "core/protocol/frame_layout.h"
#include "tests/protocol/frame_bytes.h"

#include <QRandomGenerator>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

using namespace streamscope;

namespace {

// A real UDP socket bound to a local address of either family (port chosen by the kernel).
class Sender {
public:
    explicit Sender(const char* local_address)
    {
        v6_ = std::string(local_address).find(':') != std::string::npos;
        fd_ = ::socket(v6_ ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
        const sockaddr_storage local = address(local_address, 0);
        bound_ = ::bind(fd_, reinterpret_cast<const sockaddr*>(&local), length()) == 0;
    }
    ~Sender() { ::close(fd_); }
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    [[nodiscard]] bool bound() const { return bound_; }

    bool send(const char* to_address, std::uint16_t port, const std::string& datagram) const
    {
        const sockaddr_storage to = address(to_address, port);
        return ::sendto(fd_, datagram.data(), datagram.size(), 0, reinterpret_cast<const sockaddr*>(&to), length())
            == static_cast<ssize_t>(datagram.size());
    }

private:
    sockaddr_storage address(const char* text, std::uint16_t port) const
    {
        sockaddr_storage storage{};
        if (v6_) {
            auto* a = reinterpret_cast<sockaddr_in6*>(&storage);
            a->sin6_family = AF_INET6;
            a->sin6_port = htons(port);
            ::inet_pton(AF_INET6, text, &a->sin6_addr);
        } else {
            auto* a = reinterpret_cast<sockaddr_in*>(&storage);
            a->sin_family = AF_INET;
            a->sin_port = htons(port);
            ::inet_pton(AF_INET, text, &a->sin_addr);
        }
        return storage;
    }
    [[nodiscard]] socklen_t length() const { return v6_ ? sizeof(sockaddr_in6) : sizeof(sockaddr_in); }

    int fd_ = -1;
    bool v6_ = false;
    bool bound_ = false;
};

constexpr const char* kFrameLayout = "sync=AA55 le f32:probe crc=crc16-ccitt";

// One valid datagram giving channel "probe" the value `value`, in `format`.
std::string probeDatagram(const QString& format, int value)
{
    const std::string v = std::to_string(value);
    if (format == QLatin1String("csv"))
        return "probe\n" + v + "\n"; // a header line, then the value: whatever a flood left as header
    if (format == QLatin1String("influx"))
        return "probe value=" + v + "\n";
    if (format == QLatin1String("graphite"))
        return "probe " + v + "\n";
    if (format == QLatin1String("json"))
        return "{\"probe\":" + v + "}\n";
    if (format == QLatin1String("binary")) {
        test::FrameBytes frame;
        frame.bytes({0xAA, 0x55}).f32(static_cast<float>(value), false).checksum(ChecksumKind::Crc16Ccitt, 2, false);
        return {frame.data.begin(), frame.data.end()};
    }
    return "probe:" + v + "\n"; // kv, auto
}

std::optional<double> probeValue(const Engine& engine)
{
    for (const ChannelSnapshot& c : engine.store().snapshot())
        if (c.info.name == "probe" || c.info.name == "probe.value") // influx names measurement.field
            return c.totals.last;
    return std::nullopt;
}

UdpSourceOptions sourceOn(const char* address, const QString& format)
{
    UdpSourceOptions options;
    options.endpoint.address = address;
    if (format == QLatin1String("binary")) {
        std::string error;
        auto binary = std::make_shared<BinaryFraming>();
        binary->layout = *parseFrameLayout(kFrameLayout, error);
        options.decoder.binary = std::move(binary);
    } else {
        options.decoder.format = *parseTextFormat(format.toStdString());
    }
    return options;
}

UdpSourceOptions allowingOnly(const char* listen, std::initializer_list<const char*> networks)
{
    UdpSourceOptions options = sourceOn(listen, QStringLiteral("kv"));
    std::vector<AddressRange> ranges;
    for (const char* network : networks) {
        std::string error;
        ranges.push_back(*parseAddressRange(network, error));
    }
    options.allow_from = SenderFilter(std::move(ranges));
    return options;
}

// Sends the probe until it arrives: while a flood is still queued the kernel may drop a datagram.
bool probeArrives(const Engine& engine, const Sender& sender, const QString& format, int value)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!sender.send("127.0.0.1", engine.udpPorts().at(0), probeDatagram(format, value)))
            return false;
        for (int wait = 0; wait < 50; ++wait) {
            if (probeValue(engine) == double(value))
                return true;
            QTest::qWait(10);
        }
    }
    return false;
}

} // namespace

class TestUdpFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aFloodOfRandomBytesIsCountedAndTheNextValidDatagramDecodes_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* format : {"auto", "csv", "kv", "influx", "graphite", "json", "binary"})
            QTest::newRow(format) << QString::fromLatin1(format);
    }

    void aFloodOfRandomBytesIsCountedAndTheNextValidDatagramDecodes()
    {
        QFETCH(QString, format);
        Engine engine;
        QVERIFY(!engine.addUdpSource(sourceOn("127.0.0.1", format)));
        engine.start();
        const Sender sender("127.0.0.1");
        QVERIFY(probeArrives(engine, sender, format, 1)); // a stream that is running, then the flood

        // As fast as one socket sends: random lengths up to the usual MTU payload; half of the datagrams
        // pure random bytes, half printable noise with separators, which gets deeper into the parsers.
        QRandomGenerator random(0x5eed + static_cast<quint32>(qHash(format)));
        constexpr int kFlood = 20000;
        const std::string printable = "abcxyz0123456789.,;:= \t\n{}[]\"-+eE_#*";
        std::string datagram;
        for (int i = 0; i < kFlood; ++i) {
            datagram.resize(1 + random.bounded(1400));
            for (char& c : datagram)
                c = (i % 2 == 0) ? static_cast<char>(random.bounded(256))
                                 : printable[random.bounded(static_cast<quint32>(printable.size()))];
            QVERIFY(sender.send("127.0.0.1", engine.udpPorts().at(0), datagram));
        }

        QVERIFY2(probeArrives(engine, sender, format, 42), "the valid datagram after the flood did not decode");
        engine.stop();
        const SourceStatus status = engine.sourceStatus().at(0);
        QVERIFY2(status.decode_errors > 1000, qPrintable(QString::number(status.decode_errors)));
        QVERIFY(!status.last_error.empty());
        // Every datagram of the flood was either received or counted as dropped by the kernel.
        QVERIFY2(status.datagrams + status.kernel_drops >= std::uint64_t(kFlood + 2),
                 qPrintable(QStringLiteral("%1 + %2").arg(status.datagrams).arg(status.kernel_drops)));
        // A flood of names cannot grow the channel table past the cap.
        QVERIFY(engine.store().channelCount() <= DecoderOptions::kDefaultMaxChannels);
    }

    void aFloodOfNewChannelNamesStopsAtTheCapAndTheExcessIsCounted()
    {
        UdpSourceOptions options = sourceOn("127.0.0.1", QStringLiteral("kv"));
        options.decoder.max_channels = 16;
        Engine engine;
        QVERIFY(!engine.addUdpSource(options));
        engine.start();
        const Sender sender("127.0.0.1");
        constexpr int kNames = 500;
        for (int i = 0; i < kNames; ++i) // one datagram, one name and a known channel each
            QVERIFY(sender.send("127.0.0.1", engine.udpPorts().at(0),
                                "n" + std::to_string(i) + ":1,n0:" + std::to_string(i) + "\n"));
        QTRY_COMPARE_WITH_TIMEOUT(engine.sourceStatus().at(0).datagrams, std::uint64_t(kNames), 10000);
        engine.stop();

        QCOMPARE(engine.store().channelCount(), std::size_t(16));
        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.over_channel_cap, std::uint64_t(kNames - 16));
        QCOMPARE(status.samples, std::uint64_t(16 + kNames)); // the first 16 names, and n0 every time
        QCOMPARE(status.last_error, std::string("too_many_channels: n499"));
        // The channels inside the cap go on decoding.
        QCOMPARE(engine.store().snapshot().at(0).totals.last, double(kNames - 1));
    }

    void onlyAllowedSendersAreDecodedTheRestAreCounted()
    {
        Engine engine;
        QVERIFY(!engine.addUdpSource(allowingOnly("127.0.0.1", {"127.0.0.2/32"})));
        engine.start();
        const Sender outsider("127.0.0.1");
        const Sender allowed("127.0.0.2");
        QVERIFY(allowed.bound());
        QVERIFY(outsider.send("127.0.0.1", engine.udpPorts().at(0), "x:1\n"));
        QVERIFY(outsider.send("127.0.0.1", engine.udpPorts().at(0), "y:1\n"));
        QVERIFY(allowed.send("127.0.0.1", engine.udpPorts().at(0), "x:2\n"));
        QTRY_COMPARE_WITH_TIMEOUT(engine.sourceStatus().at(0).datagrams, std::uint64_t(3), 10000);
        engine.stop();

        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.rejected_senders, std::uint64_t(2));
        QCOMPARE(status.samples, std::uint64_t(1));
        QCOMPARE(engine.store().channelCount(), std::size_t(1)); // "y" never became a channel
        QCOMPARE(engine.store().snapshot().at(0).totals.last, 2.0);
    }

    void ipv6AndIpv4MappedSendersAreFilteredByTheirOwnFamily()
    {
        // "::" takes IPv4 too (as ::ffff:a.b.c.d); an IPv4 network must match those senders.
        Engine engine;
        QVERIFY(!engine.addUdpSource(allowingOnly("::", {"::1/128", "127.0.0.0/30"})));
        engine.start();
        const std::uint16_t port = engine.udpPorts().at(0);
        const Sender v6("::1");
        const Sender mapped_inside("127.0.0.2");
        const Sender mapped_outside("127.0.0.9");
        QVERIFY(v6.bound() && mapped_inside.bound() && mapped_outside.bound());
        QVERIFY(v6.send("::1", port, "a:1\n"));
        QVERIFY(mapped_inside.send("127.0.0.1", port, "b:2\n"));
        QVERIFY(mapped_outside.send("127.0.0.1", port, "c:3\n"));
        QTRY_COMPARE_WITH_TIMEOUT(engine.sourceStatus().at(0).datagrams, std::uint64_t(3), 10000);
        engine.stop();

        const SourceStatus status = engine.sourceStatus().at(0);
        QCOMPARE(status.rejected_senders, std::uint64_t(1));
        std::vector<std::string> names;
        for (const ChannelSnapshot& c : engine.store().snapshot())
            names.push_back(c.info.name);
        std::sort(names.begin(), names.end());
        QCOMPARE(names, (std::vector<std::string>{"a", "b"}));
    }

    void networksParseOrAreRefusedNamingTheValue_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("parsed"); // empty: refused
        QTest::newRow("v4 network") << "192.168.1.0/24" << "192.168.1.0/24";
        QTest::newRow("v4 host") << "10.1.2.3" << "10.1.2.3/32";
        QTest::newRow("v6 network") << "fd00::/8" << "fd00::/8";
        QTest::newRow("v6 host") << "::1" << "::1/128";
        QTest::newRow("prefix too long") << "10.0.0.0/33" << "";
        QTest::newRow("v6 prefix too long") << "fd00::/129" << "";
        QTest::newRow("empty prefix") << "10.0.0.0/" << "";
        QTest::newRow("not an address") << "lab-net/24" << "";
        QTest::newRow("trailing junk") << "10.0.0.0/8x" << "";
    }

    void networksParseOrAreRefusedNamingTheValue()
    {
        QFETCH(QString, text);
        QFETCH(QString, parsed);
        std::string error;
        const auto range = parseAddressRange(text.toStdString(), error);
        if (parsed.isEmpty()) {
            QVERIFY(!range);
            QVERIFY2(QString::fromStdString(error).contains(QLatin1Char('\'') + text + QLatin1Char('\'')), error.c_str());
        } else {
            QVERIFY2(range, error.c_str());
            QCOMPARE(QString::fromStdString(range->toString()), parsed);
        }
    }
};

QTEST_GUILESS_MAIN(TestUdpFaults)
#include "test_udp_faults.moc"
