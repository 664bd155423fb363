// Soak: `streamscope record` with alert rules takes a paced stream from `streamscope generate` over
// loopback UDP for a long time. Passes when nothing was lost anywhere (every sent sample is in the
// archive; kernel, ring and recorder-queue drops are zero) and the recorder's resident memory grew by
// less than 5% from the end of the warm-up (statistics windows and display history full) to the end.
//
//   bench_soak [--duration SECONDS (600)] [--warm-up SECONDS (90)] [--rate SAMPLES_PER_S (200000)]
//              [--dir DIR (a temporary directory)]
//
// Prints a Markdown table; exit status 0 when the run passes, 1 when it does not.
#include "core/archive/archive_reader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int kChannels = 8;

struct Settings {
    double duration_s = 600;
    double warm_up_s = 90;
    double rate = 200000; // samples per second
    QString dir;
};

bool readSettings(const QStringList& arguments, Settings& settings)
{
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        bool ok = false;
        const QString& flag = arguments[i];
        const QString& value = arguments[i + 1];
        if (flag == QLatin1String("--dir")) {
            settings.dir = value;
            continue;
        }
        const double number = value.toDouble(&ok);
        if (!ok || number <= 0) {
            std::fprintf(stderr, "bench_soak: bad value '%s' for %s\n", qPrintable(value), qPrintable(flag));
            return false;
        }
        if (flag == QLatin1String("--duration"))
            settings.duration_s = number;
        else if (flag == QLatin1String("--warm-up"))
            settings.warm_up_s = number;
        else if (flag == QLatin1String("--rate"))
            settings.rate = number;
        else {
            std::fprintf(stderr, "bench_soak: unknown flag '%s'\n", qPrintable(flag));
            return false;
        }
    }
    if (arguments.size() % 2 == 0 || settings.warm_up_s >= settings.duration_s) {
        std::fprintf(stderr, "bench_soak: expected FLAG VALUE pairs and a --warm-up shorter than --duration\n");
        return false;
    }
    return true;
}

// Resident set size of a process in KiB (VmRSS), 0 if it has gone.
long residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine())
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return 0;
}

// A port the kernel has just handed out, and so is free now.
quint16 freeUdpPort()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

qint64 jsonInteger(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toInteger(-1);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Settings settings;
    if (!readSettings(app.arguments(), settings))
        return 2;
    QTemporaryDir temporary;
    const QString dir = settings.dir.isEmpty() ? temporary.path() : settings.dir;
    const QString archive = dir + QStringLiteral("/soak.h5");
    QFile::remove(archive);
    const quint16 port = freeUdpPort();
    const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(port);
    const QString binary = QStringLiteral(STREAMSCOPE_BINARY);

    // The recorder runs a little longer than the sender so that it sees the last datagram.
    QProcess record;
    record.start(binary, {QStringLiteral("record"), QStringLiteral("--udp"), endpoint, QStringLiteral("--format"),
                          QStringLiteral("csv"), QStringLiteral("--alert"), QStringLiteral("ch1 > 14 clear < 6"),
                          QStringLiteral("--alert"), QStringLiteral("ch2 outside 16..24 critical"),
                          QStringLiteral("--alert"), QStringLiteral("ch* stale 1s"), QStringLiteral("-o"), archive,
                          QStringLiteral("--duration"), QString::number(settings.duration_s + 3),
                          QStringLiteral("--json")});
    if (!record.waitForStarted(10000)) {
        std::fprintf(stderr, "bench_soak: cannot start %s\n", qPrintable(binary));
        return 1;
    }
    QThread::msleep(1000); // the socket is bound
    QProcess generate;
    generate.start(binary, {QStringLiteral("generate"), QStringLiteral("--udp"), endpoint, QStringLiteral("--rate"),
                            QString::number(settings.rate / kChannels, 'f', 0), QStringLiteral("--channels"),
                            QString::number(kChannels), QStringLiteral("--format"), QStringLiteral("csv"),
                            QStringLiteral("--duration"), QString::number(settings.duration_s), QStringLiteral("--json")});
    if (!generate.waitForStarted(10000)) {
        std::fprintf(stderr, "bench_soak: cannot start the generator\n");
        return 1;
    }

    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    long after_warm_up = 0;
    long peak_after_warm_up = 0;
    long last = 0;
    while (generate.state() != QProcess::NotRunning) {
        generate.waitForFinished(1000);
        const long rss = residentKiB(record.processId());
        if (rss == 0)
            break;
        last = rss;
        if (elapsed() >= settings.warm_up_s) {
            if (after_warm_up == 0)
                after_warm_up = rss;
            peak_after_warm_up = std::max(peak_after_warm_up, rss);
        }
    }
    generate.waitForFinished(-1);
    record.waitForFinished(int(settings.duration_s * 1000) + 60000);

    const QJsonObject sent = QJsonDocument::fromJson(generate.readAllStandardOutput()).object();
    const QJsonObject recorded = QJsonDocument::fromJson(record.readAllStandardOutput()).object();
    const QJsonObject drops = recorded.value(QStringLiteral("drops")).toObject();
    const qint64 sent_samples = jsonInteger(sent, "frames") * kChannels;
    std::uint64_t archived = 0;
    std::size_t alert_events = 0;
    if (const auto reader = streamscope::ArchiveReader::open(archive.toStdString())) {
        for (const auto& channel : reader->channels())
            archived += channel.count;
        alert_events = reader->alertEvents().size();
    }
    const double growth = after_warm_up > 0 ? 100.0 * double(peak_after_warm_up - after_warm_up) / double(after_warm_up) : -1;
    const qint64 lost = jsonInteger(drops, "kernel") + jsonInteger(drops, "ring") + jsonInteger(drops, "recorder_queue");
    const bool passed = sent_samples > 0 && qint64(archived) == sent_samples && lost == 0 && growth >= 0 && growth < 5.0;

    std::printf("| duration | rate sent | samples sent | samples in the archive | drops kernel / ring / recorder queue "
                "| alert events | RSS after %.0f s warm-up | peak RSS after warm-up | RSS at end | growth | result |\n",
                settings.warm_up_s);
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
    std::printf("| %.0f s | %.0f samples/s | %lld | %llu | %lld / %lld / %lld | %zu | %.1f MiB | %.1f MiB | %.1f MiB "
                "| %.2f%% | %s |\n",
                settings.duration_s, double(sent_samples) / std::max(1e-9, sent.value(QStringLiteral("seconds")).toDouble()),
                static_cast<long long>(sent_samples), static_cast<unsigned long long>(archived),
                static_cast<long long>(jsonInteger(drops, "kernel")), static_cast<long long>(jsonInteger(drops, "ring")),
                static_cast<long long>(jsonInteger(drops, "recorder_queue")), alert_events, after_warm_up / 1024.0,
                peak_after_warm_up / 1024.0, last / 1024.0, growth, passed ? "pass" : "FAIL");
    if (!record.readAllStandardError().isEmpty() || recorded.isEmpty())
        std::fprintf(stderr, "bench_soak: recorder exit %d\n", record.exitCode());
    return passed ? 0 : 1;
}
