#include "core/archive/index_runs.h"

#include "core/archive/hdf5_handle.h"

#include <algorithm>

namespace streamscope {

void IndexRuns::clear()
{
    runs_.clear();
    elements_ = 0;
    cursor_ = 0;
}

void IndexRuns::add(std::uint64_t first, std::uint64_t end)
{
    if (end <= first)
        return;
    if (!runs_.empty() && first <= runs_.back().end + merge_gap_) {
        Run& last = runs_.back();
        if (end > last.end) {
            elements_ += end - last.end;
            last.end = end;
        }
        return;
    }
    runs_.push_back(Run{first, end, elements_});
    elements_ += end - first;
}

std::size_t IndexRuns::positionOf(std::uint64_t index) const
{
    if (runs_.empty())
        return kNotLoaded;
    if (cursor_ >= runs_.size() || index < runs_[cursor_].first) {
        const auto after = std::upper_bound(runs_.begin(), runs_.end(), index,
                                            [](std::uint64_t value, const Run& run) { return value < run.first; });
        if (after == runs_.begin())
            return kNotLoaded;
        cursor_ = static_cast<std::size_t>(after - runs_.begin()) - 1;
    }
    while (cursor_ + 1 < runs_.size() && runs_[cursor_ + 1].first <= index)
        ++cursor_;
    const Run& run = runs_[cursor_];
    if (index >= run.end)
        return kNotLoaded;
    return run.position + static_cast<std::size_t>(index - run.first);
}

void IndexRuns::read(hid_t dataset, hid_t memory_type, void* into) const
{
    if (runs_.empty())
        return;
    const Hid file_space(H5Dget_space(dataset));
    H5Sselect_none(file_space.get());
    for (const Run& run : runs_) {
        const hsize_t start = run.first;
        const hsize_t count = run.end - run.first;
        checkHdf5(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_OR, &start, nullptr, &count, nullptr),
                  "cannot select the overview's rows");
    }
    const hsize_t total = elements_;
    const Hid memory_space(H5Screate_simple(1, &total, nullptr));
    checkHdf5(H5Dread(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, into),
              "cannot read the level-of-detail pyramid or its samples");
}

void IndexRuns::read(const RawChunkReader& direct, hid_t dataset, hid_t memory_type, std::size_t element_size,
                     void* into) const
{
    // Scattered runs on a cold disk: asking for all of them first lets the kernel fetch them in
    // parallel instead of one read waiting after another.
    for (const Run& run : runs_)
        direct.willNeed(run.first, static_cast<std::size_t>(run.end - run.first));
    auto* bytes = static_cast<char*>(into);
    for (const Run& run : runs_) {
        const auto count = static_cast<std::size_t>(run.end - run.first);
        char* at = bytes + run.position * element_size;
        if (!direct.read(run.first, count, at))
            readElements(dataset, memory_type, run.first, count, at);
    }
}

hsize_t lengthOf(hid_t dataset)
{
    const Hid space(H5Dget_space(dataset));
    hsize_t length = 0;
    if (!space.valid() || H5Sget_simple_extent_dims(space.get(), &length, nullptr) != 1) {
        H5Eclear2(H5E_DEFAULT);
        return 0;
    }
    return length;
}

void readElements(hid_t dataset, hid_t memory_type, std::uint64_t first, std::size_t count, void* into)
{
    IndexRuns runs;
    runs.add(first, first + count);
    runs.read(dataset, memory_type, into);
}

} // namespace streamscope
