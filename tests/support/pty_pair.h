#pragma once

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QThread>

namespace streamscope::test {

// A real pseudo-terminal pair made by socat: bytes written to one end come out of the other, as over a
// null-modem cable. The ends are symlinks at fixed paths so that a pair stopped and started again looks
// like a USB adapter unplugged and plugged back in.
class PtyPair {
public:
    PtyPair(const QString& a, const QString& b) : a_(a), b_(b) {}
    ~PtyPair() { stop(); }
    PtyPair(const PtyPair&) = delete;
    PtyPair& operator=(const PtyPair&) = delete;

    // Starts socat and waits until both ends exist. False if socat is missing or does not come up.
    bool start()
    {
        stop();
        process_.start(QStringLiteral("socat"),
                       {QStringLiteral("-d"), QStringLiteral("-d"),
                        QStringLiteral("pty,raw,echo=0,link=") + a_, QStringLiteral("pty,raw,echo=0,link=") + b_});
        if (!process_.waitForStarted(5000))
            return false;
        const QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            if (QFileInfo::exists(a_) && QFileInfo::exists(b_))
                return true;
            QThread::msleep(10);
        }
        return false;
    }

    // Stops socat (SIGTERM), which closes both ends and removes the links.
    void stop()
    {
        if (process_.state() == QProcess::NotRunning)
            return;
        process_.terminate();
        if (!process_.waitForFinished(5000)) {
            process_.kill();
            process_.waitForFinished(5000);
        }
    }

    [[nodiscard]] const QString& a() const { return a_; }
    [[nodiscard]] const QString& b() const { return b_; }

private:
    QString a_;
    QString b_;
    QProcess process_;
};

} // namespace streamscope::test
