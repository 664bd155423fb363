#include "core/pipeline/lod_series.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace streamscope {

namespace {

// Products of a nanosecond span and a column count overflow 64 bits for spans of years.
__extension__ typedef __int128 Wide;

// The first time that belongs to a column after `column`: from + ceil((column + 1) * span / width).
TimeNs columnEnd(M4Range range, int column)
{
    const Wide span = static_cast<Wide>(range.to) - range.from;
    const Wide scaled = span * (column + 1);
    return static_cast<TimeNs>(range.from + (scaled + range.width - 1) / range.width);
}

bool validRange(M4Range range) { return range.width > 0 && range.to > range.from; }

// lower_bound that searches outwards from `first` first: consecutive pixel columns end close to each
// other, so this touches a few cache lines where a plain binary search over millions would miss on each.
std::vector<TimeNs>::const_iterator gallopLowerBound(std::vector<TimeNs>::const_iterator first,
                                                     std::vector<TimeNs>::const_iterator last, TimeNs value)
{
    std::ptrdiff_t step = 1;
    auto low = first;
    while (last - low > step && *(low + step) < value) {
        low += step;
        step *= 2;
    }
    return std::lower_bound(low, last - low > step ? low + step : last, value);
}

} // namespace

TimeNs m4ColumnEnd(M4Range range, int column) { return columnEnd(range, column); }

int m4ColumnOf(M4Range range, TimeNs time)
{
    const Wide span = static_cast<Wide>(range.to) - range.from;
    return static_cast<int>((static_cast<Wide>(time) - range.from) * range.width / span);
}

void addToM4Column(M4Column& column, TimeNs time, double value)
{
    if (column.count++ == 0) {
        column.first_time = time;
        column.first = value;
    }
    column.last_time = time;
    column.last = value;
    if (!std::isfinite(value))
        return;
    // Strict comparisons keep the earliest of equal extremes, as the pyramid does.
    if (std::isnan(column.min) || value < column.min) {
        column.min = value;
        column.min_time = time;
    }
    if (std::isnan(column.max) || value > column.max) {
        column.max = value;
        column.max_time = time;
    }
}

void mergeM4Column(M4Column& column, const M4Column& later)
{
    if (later.count == 0)
        return;
    if (column.count == 0) {
        column.first_time = later.first_time;
        column.first = later.first;
    }
    column.count += later.count;
    column.last_time = later.last_time;
    column.last = later.last;
    if (!std::isnan(later.min) && (std::isnan(column.min) || later.min < column.min)) {
        column.min = later.min;
        column.min_time = later.min_time;
    }
    if (!std::isnan(later.max) && (std::isnan(column.max) || later.max > column.max)) {
        column.max = later.max;
        column.max_time = later.max_time;
    }
}

void m4Naive(const std::vector<TimeNs>& times, const std::vector<double>& values, M4Range range,
             std::vector<M4Column>& out)
{
    out.assign(static_cast<std::size_t>(std::max(range.width, 0)), M4Column{});
    if (!validRange(range))
        return;
    for (std::size_t i = 0; i < times.size(); ++i)
        if (times[i] >= range.from && times[i] < range.to)
            addToM4Column(out[static_cast<std::size_t>(m4ColumnOf(range, times[i]))], times[i], values[i]);
}

void LodSeries::Extremes::add(double value, std::size_t index)
{
    if (!std::isfinite(value))
        return;
    if (std::isnan(min) || value < min) {
        min = value;
        min_index = index;
    }
    if (std::isnan(max) || value > max) {
        max = value;
        max_index = index;
    }
}

void LodSeries::Extremes::add(const Extremes& other)
{
    if (!std::isnan(other.min) && (std::isnan(min) || other.min < min)) {
        min = other.min;
        min_index = other.min_index;
    }
    if (!std::isnan(other.max) && (std::isnan(max) || other.max > max)) {
        max = other.max;
        max_index = other.max_index;
    }
}

void LodSeries::append(TimeNs time_ns, double value)
{
    const std::size_t position = times_.size();
    const std::size_t index = position + erased_;
    times_.push_back(time_ns);
    values_.push_back(value);
    if (position % kBlock == 0)
        blocks_.emplace_back();
    blocks_.back().add(value, index);
    if (position % kSuperBlock == 0)
        super_blocks_.emplace_back();
    super_blocks_.back().add(value, index);
}

void LodSeries::dropBefore(TimeNs time_ns)
{
    const auto first_kept = static_cast<std::size_t>(
        std::lower_bound(times_.begin() + static_cast<std::ptrdiff_t>(begin_), times_.end(), time_ns) - times_.begin());
    begin_ = std::max(begin_, first_kept / kSuperBlock * kSuperBlock);
    // Erase physically only once half the buffer is dead, so that the cost per sample stays constant.
    if (begin_ == 0 || begin_ < times_.size() / 2)
        return;
    times_.erase(times_.begin(), times_.begin() + static_cast<std::ptrdiff_t>(begin_));
    values_.erase(values_.begin(), values_.begin() + static_cast<std::ptrdiff_t>(begin_));
    blocks_.erase(blocks_.begin(), blocks_.begin() + static_cast<std::ptrdiff_t>(begin_ / kBlock));
    super_blocks_.erase(super_blocks_.begin(), super_blocks_.begin() + static_cast<std::ptrdiff_t>(begin_ / kSuperBlock));
    erased_ += begin_;
    begin_ = 0;
}

void LodSeries::clear()
{
    *this = LodSeries{};
}

void LodSeries::extremesOf(std::size_t begin, std::size_t end, Extremes& into) const
{
    std::size_t i = begin;
    while (i < end) {
        if (i % kSuperBlock == 0 && i + kSuperBlock <= end) {
            into.add(super_blocks_[i / kSuperBlock]);
            i += kSuperBlock;
        } else if (i % kBlock == 0 && i + kBlock <= end) {
            into.add(blocks_[i / kBlock]);
            i += kBlock;
        } else {
            into.add(values_[i], i + erased_);
            ++i;
        }
    }
}

void LodSeries::m4(M4Range range, std::vector<M4Column>& out) const
{
    out.assign(static_cast<std::size_t>(std::max(range.width, 0)), M4Column{});
    if (!validRange(range) || empty())
        return;
    const auto first = times_.cbegin() + static_cast<std::ptrdiff_t>(begin_);
    auto column_begin = std::lower_bound(first, times_.cend(), range.from);
    for (int c = 0; c < range.width && column_begin != times_.cend(); ++c) {
        const auto column_end = gallopLowerBound(column_begin, times_.cend(), columnEnd(range, c));
        if (column_end == column_begin)
            continue;
        const auto i = static_cast<std::size_t>(column_begin - times_.cbegin());
        const auto j = static_cast<std::size_t>(column_end - times_.cbegin());
        M4Column& column = out[static_cast<std::size_t>(c)];
        column.count = j - i;
        column.first_time = times_[i];
        column.first = values_[i];
        column.last_time = times_[j - 1];
        column.last = values_[j - 1];
        Extremes extremes;
        extremesOf(i, j, extremes);
        if (!std::isnan(extremes.min)) {
            column.min = extremes.min;
            column.min_time = times_[extremes.min_index - erased_];
            column.max = extremes.max;
            column.max_time = times_[extremes.max_index - erased_];
        }
        column_begin = column_end;
    }
}

void appendM4Points(const M4Column& column, std::vector<TimeNs>& times, std::vector<double>& values)
{
    if (column.count == 0)
        return;
    std::array<std::pair<TimeNs, double>, 4> points{{{column.first_time, column.first},
                                                     {column.min_time, column.min},
                                                     {column.max_time, column.max},
                                                     {column.last_time, column.last}}};
    std::size_t n = 4;
    if (std::isnan(column.min)) { // no finite value: first and last only
        points[1] = points[3];
        n = 2;
    }
    std::stable_sort(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(n),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < n; ++k) {
        if (!times.empty() && times.back() == points[k].first && values.back() == points[k].second)
            continue;
        times.push_back(points[k].first);
        values.push_back(points[k].second);
    }
}

void LodSeries::m4Polyline(M4Range range, std::vector<TimeNs>& times, std::vector<double>& values) const
{
    times.clear();
    values.clear();
    std::vector<M4Column> columns;
    m4(range, columns);
    for (const M4Column& column : columns)
        appendM4Points(column, times, values);
}

} // namespace streamscope
