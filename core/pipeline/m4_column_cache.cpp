#include "core/pipeline/m4_column_cache.h"

#include <algorithm>

namespace streamscope {

namespace {

std::int64_t floorDiv(TimeNs value, TimeNs divisor)
{
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

} // namespace

void M4ColumnCache::clear()
{
    columns_.clear();
    first_column_ = 0;
    final_end_ = 0;
    column_ns_ = 0;
}

void M4ColumnCache::update(const LodSeries& series, TimeNs from, TimeNs to, TimeNs column_ns)
{
    if (column_ns <= 0 || to < from) {
        clear();
        return;
    }
    const std::int64_t first = floorDiv(from, column_ns);
    const std::int64_t last = floorDiv(to, column_ns);
    if (column_ns != column_ns_ || first < first_column_) { // a new grid, or the view moved back
        clear();
        column_ns_ = column_ns;
        first_column_ = first;
    }
    while (!columns_.empty() && first_column_ < first) {
        columns_.pop_front();
        ++first_column_;
    }
    if (columns_.empty())
        first_column_ = first;
    // Keep only the columns that were final when computed; the rest are computed again.
    const auto kept = std::clamp<std::int64_t>(final_end_ - first_column_, 0, static_cast<std::int64_t>(columns_.size()));
    columns_.resize(static_cast<std::size_t>(kept));

    const std::int64_t start = first_column_ + kept;
    if (start <= last) {
        series.m4({start * column_ns, (last + 1) * column_ns, static_cast<int>(last + 1 - start)}, computed_);
        columns_.insert(columns_.end(), computed_.begin(), computed_.end());
    }
    final_end_ = series.empty() ? first_column_ : floorDiv(series.lastTime(), column_ns);
}

void M4ColumnCache::polyline(std::vector<TimeNs>& times, std::vector<double>& values) const
{
    times.clear();
    values.clear();
    for (const M4Column& column : columns_)
        appendM4Points(column, times, values);
}

} // namespace streamscope
