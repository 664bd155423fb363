#include "core/archive/lod_pyramid.h"

#include <cstddef>

namespace streamscope::archive {

Hid makeLodRowType()
{
    Hid type(H5Tcreate(H5T_COMPOUND, sizeof(LodRow)));
    const auto field = [&type](const char* name, std::size_t offset, hid_t member) {
        H5Tinsert(type.get(), name, offset, member);
    };
    field("first_time", offsetof(LodRow, first_time), H5T_NATIVE_INT64);
    field("first", offsetof(LodRow, first), H5T_NATIVE_DOUBLE);
    field("last_time", offsetof(LodRow, last_time), H5T_NATIVE_INT64);
    field("last", offsetof(LodRow, last), H5T_NATIVE_DOUBLE);
    field("min_time", offsetof(LodRow, min_time), H5T_NATIVE_INT64);
    field("min", offsetof(LodRow, min), H5T_NATIVE_DOUBLE);
    field("max_time", offsetof(LodRow, max_time), H5T_NATIVE_INT64);
    field("max", offsetof(LodRow, max), H5T_NATIVE_DOUBLE);
    field("count", offsetof(LodRow, count), H5T_NATIVE_UINT32);
    field("ordered", offsetof(LodRow, ordered), H5T_NATIVE_UINT32);
    return type;
}

LodRow toRow(const LodBlock& block)
{
    const M4Column& c = block.column;
    return LodRow{c.first_time, c.first, c.last_time, c.last, c.min_time, c.min, c.max_time, c.max,
                  static_cast<std::uint32_t>(c.count), block.ordered ? 1U : 0U};
}

LodBlock fromRow(const LodRow& row)
{
    LodBlock block;
    block.column = M4Column{row.count, row.first_time, row.first, row.last_time, row.last,
                            row.min_time, row.min, row.max_time, row.max};
    block.ordered = row.ordered != 0;
    return block;
}

void LodPyramidBuilder::completeBlock(std::size_t level)
{
    LodBlock& block = open_[level];
    completed_[level].push_back(block);
    if (level + 1 < kLodLevels) {
        LodBlock& parent = open_[level + 1];
        mergeM4Column(parent.column, block.column);
        parent.ordered = parent.ordered && block.ordered;
        if (parent.column.count == kLodBlockSizes[level + 1])
            completeBlock(level + 1);
    }
    block = LodBlock{};
}

} // namespace streamscope::archive

namespace streamscope::archive {

Hid createLodDataset(hid_t group, std::size_t level, hid_t row_type)
{
    hsize_t dims = 0;
    hsize_t max_dims = H5S_UNLIMITED;
    const Hid space(H5Screate_simple(1, &dims, &max_dims));
    const Hid dcpl(H5Pcreate(H5P_DATASET_CREATE));
    hsize_t chunk = 1024; // 72 KiB
    H5Pset_chunk(dcpl.get(), 1, &chunk);
    return Hid(checkHdf5Id(
        H5Dcreate2(group, kLodDatasets[level], row_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        std::string("cannot create ") + kLodDatasets[level]));
}

void appendLodRows(hid_t dataset, hid_t row_type, std::vector<LodBlock>& blocks, std::uint64_t& written,
                   const std::string& what)
{
    if (blocks.empty())
        return;
    std::vector<LodRow> rows;
    rows.reserve(blocks.size());
    for (const LodBlock& block : blocks)
        rows.push_back(toRow(block));
    hsize_t start = written;
    hsize_t count = rows.size();
    const hsize_t size = start + count;
    checkHdf5(H5Dset_extent(dataset, &size), "cannot extend " + what);
    const Hid file_space(H5Dget_space(dataset));
    checkHdf5(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
              "cannot select in " + what);
    const Hid memory_space(H5Screate_simple(1, &count, nullptr));
    checkHdf5(H5Dwrite(dataset, row_type, memory_space.get(), file_space.get(), H5P_DEFAULT, rows.data()),
              "cannot write " + what);
    written = size;
    blocks.clear();
}

void readLodRows(hid_t dataset, hid_t row_type, std::uint64_t first, std::size_t count, std::vector<LodRow>& rows)
{
    rows.resize(count);
    if (count == 0)
        return;
    hsize_t start = first;
    hsize_t n = count;
    const Hid file_space(H5Dget_space(dataset));
    const Hid memory_space(H5Screate_simple(1, &n, nullptr));
    H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr);
    checkHdf5(H5Dread(dataset, row_type, memory_space.get(), file_space.get(), H5P_DEFAULT, rows.data()),
              "cannot read the level-of-detail pyramid");
}

} // namespace streamscope::archive
