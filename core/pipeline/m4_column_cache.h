#pragma once

#include "core/pipeline/lod_series.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace streamscope {

// The M4 columns of a growing LodSeries on a fixed time grid, kept from one frame to the next. Column k
// covers [k * column_ns, (k + 1) * column_ns), so a view that follows the newest data keeps its old
// columns as they were and only the new ones, plus the one still filling, are computed each frame.
// A column is kept once a newer sample exists after it: samples arrive in time order, so it is final.
class M4ColumnCache {
public:
    // Makes columns() cover every grid column that overlaps [from, to]. A new column width starts over.
    void update(const LodSeries& series, TimeNs from, TimeNs to, TimeNs column_ns);

    [[nodiscard]] const std::deque<M4Column>& columns() const { return columns_; }
    [[nodiscard]] std::int64_t firstColumn() const { return first_column_; }

    // The columns' M4 points in time order (see appendM4Points), replacing the vectors' contents.
    void polyline(std::vector<TimeNs>& times, std::vector<double>& values) const;

    void clear();

private:
    std::deque<M4Column> columns_;
    std::int64_t first_column_ = 0; // grid index of columns_.front()
    std::int64_t final_end_ = 0;    // columns before this index can no longer change
    TimeNs column_ns_ = 0;
    std::vector<M4Column> computed_; // scratch, reused
};

} // namespace streamscope
