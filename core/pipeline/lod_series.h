#pragma once

#include "core/pipeline/sample.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace streamscope {

// One pixel column of an M4 aggregation (Jugel et al., VLDB 2014): the first and last sample in the
// column and the ones with the smallest and largest finite value. Drawing these four points per column
// gives the same picture, at that width, as drawing every sample.
struct M4Column {
    std::size_t count = 0; // samples in the column; 0: the column is empty and the rest is meaningless
    TimeNs first_time = 0;
    double first = 0.0;
    TimeNs last_time = 0;
    double last = 0.0;
    TimeNs min_time = 0;
    double min = std::numeric_limits<double>::quiet_NaN(); // NaN when the column has no finite value
    TimeNs max_time = 0;
    double max = std::numeric_limits<double>::quiet_NaN();
};

// The column layout shared by every M4 query: [from, to) cut into `width` equal columns; a sample at
// time t belongs to column floor((t - from) * width / (to - from)).
struct M4Range {
    TimeNs from = 0;
    TimeNs to = 0;
    int width = 0;
};

// The column of [0, range.width) that a time in [range.from, range.to) belongs to.
[[nodiscard]] int m4ColumnOf(M4Range range, TimeNs time);
// The first time after column `column`: from + ceil((column + 1) * (to - from) / width).
[[nodiscard]] TimeNs m4ColumnEnd(M4Range range, int column);
// Adds one sample to a column, as m4Naive does: first and last of every sample, extremes of finite
// values, the earliest of equal extremes.
void addToM4Column(M4Column& column, TimeNs time, double value);
// Adds the samples summarised by `later`, all of which come after the column's own, with the same result
// as adding them one by one.
void mergeM4Column(M4Column& column, const M4Column& later);

// Appends a column's M4 points to a polyline in time order, without repeating the polyline's last point:
// what a plot draws for the column.
void appendM4Points(const M4Column& column, std::vector<TimeNs>& times, std::vector<double>& values);

// M4 straight from the samples, one pass: the reference that faster paths must match exactly.
void m4Naive(const std::vector<TimeNs>& times, const std::vector<double>& values, M4Range range,
             std::vector<M4Column>& out);

// An append-only time series with a two-level min/max pyramid, so that an M4 query costs time in
// proportion to the width in pixels (plus two short scans per column), not to the samples in range.
// Timestamps must not decrease. dropBefore() releases old samples in whole blocks so that a live view
// keeps bounded memory.
class LodSeries {
public:
    // Small level-1 blocks keep the raw scans at a pixel column's two edges short; a pixel column of a
    // zoomed-out view spans many super blocks. Measured with bench/plot_redraw.cpp.
    static constexpr std::size_t kBlock = 16;                  // samples per level-1 block
    static constexpr std::size_t kSuperBlock = kBlock * 64;    // samples per level-2 block

    void append(TimeNs time_ns, double value);
    // Forgets samples before `time_ns`, in whole super blocks (at most kSuperBlock older ones remain).
    void dropBefore(TimeNs time_ns);
    void clear();

    [[nodiscard]] std::size_t size() const { return times_.size() - begin_; }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] TimeNs firstTime() const { return times_[begin_]; }
    [[nodiscard]] TimeNs lastTime() const { return times_.back(); }

    // `out` gets range.width columns.
    void m4(M4Range range, std::vector<M4Column>& out) const;

    // The M4 points of every non-empty column in time order, duplicates removed: what a plot draws.
    void m4Polyline(M4Range range, std::vector<TimeNs>& times, std::vector<double>& values) const;

private:
    // Extremes of a run of samples. Indices count from the first sample ever appended, so that they
    // survive compaction; a position in times_/values_ is index - erased_.
    struct Extremes {
        double min = std::numeric_limits<double>::quiet_NaN();
        double max = std::numeric_limits<double>::quiet_NaN();
        std::size_t min_index = 0;
        std::size_t max_index = 0;
        void add(double value, std::size_t index);
        void add(const Extremes& other);
    };

    void extremesOf(std::size_t begin, std::size_t end, Extremes& into) const; // positions, [begin, end)

    std::vector<TimeNs> times_;
    std::vector<double> values_;
    std::vector<Extremes> blocks_;       // blocks_[k] covers positions [k*kBlock, (k+1)*kBlock)
    std::vector<Extremes> super_blocks_; // super_blocks_[k] covers [k*kSuperBlock, (k+1)*kSuperBlock)
    std::size_t begin_ = 0;  // position of the oldest kept sample (a multiple of kSuperBlock)
    std::size_t erased_ = 0; // samples physically erased from the front (a multiple of kSuperBlock)
};

} // namespace streamscope
