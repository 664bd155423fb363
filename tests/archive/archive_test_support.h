#pragma once

#include "core/archive/archive_reader.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <vector>

namespace archive_test {

struct Series {
    std::vector<streamscope::TimeNs> times;
    std::vector<double> values;
};

// Reads a whole channel in small blocks, so that block boundaries are exercised too.
inline Series readSeries(const streamscope::ArchiveReader& reader, std::size_t index)
{
    Series series;
    std::vector<streamscope::TimeNs> times;
    std::vector<double> values;
    for (std::uint64_t offset = 0;;) {
        const std::size_t n = reader.read(index, offset, 1000, times, values);
        if (n == 0)
            break;
        series.times.insert(series.times.end(), times.begin(), times.end());
        series.values.insert(series.values.end(), values.begin(), values.end());
        offset += n;
    }
    return series;
}

inline std::size_t channelIndex(const streamscope::ArchiveReader& reader, const std::string& name)
{
    for (std::size_t i = 0; i < reader.channels().size(); ++i)
        if (reader.channels()[i].name == name)
            return i;
    return static_cast<std::size_t>(-1);
}

struct PythonRun {
    int exit_code = -1;
    QByteArray out;
    QByteArray err;
};

// Debian's Python with python3-h5py (a `python3` earlier on PATH may lack h5py).
inline PythonRun runPython(const QString& script, const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-c"), script} + arguments);
    process.waitForFinished(60000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace archive_test
