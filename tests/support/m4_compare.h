#pragma once

#include "core/pipeline/lod_series.h"

#include <QString>

#include <cmath>
#include <vector>

// Column-by-column comparison of M4 results, shared by the suites that check a fast path against m4Naive.
namespace m4_test {

using streamscope::M4Column;

inline bool sameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Every field of every column equal, or a message naming the first difference.
inline QString compareColumns(const std::vector<M4Column>& got, const std::vector<M4Column>& want)
{
    if (got.size() != want.size())
        return QStringLiteral("width %1, expected %2").arg(got.size()).arg(want.size());
    for (std::size_t c = 0; c < got.size(); ++c) {
        const M4Column& g = got[c];
        const M4Column& w = want[c];
        const bool same = g.count == w.count
            && (w.count == 0
                || (g.first_time == w.first_time && sameValue(g.first, w.first) && g.last_time == w.last_time
                    && sameValue(g.last, w.last) && sameValue(g.min, w.min) && sameValue(g.max, w.max)
                    && (std::isnan(w.min) || (g.min_time == w.min_time && g.max_time == w.max_time))));
        if (!same)
            return QStringLiteral("column %1: count %2 vs %3, min %4@%5 vs %6@%7, max %8 vs %9")
                .arg(c)
                .arg(g.count)
                .arg(w.count)
                .arg(g.min)
                .arg(g.min_time)
                .arg(w.min)
                .arg(w.min_time)
                .arg(g.max)
                .arg(w.max);
    }
    return {};
}

} // namespace m4_test
