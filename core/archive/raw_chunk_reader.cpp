#include "core/archive/raw_chunk_reader.h"

#include "core/archive/hdf5_handle.h"

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace streamscope {

RawChunkReader::RawChunkReader(hid_t file, hid_t dataset, std::size_t element_size)
    : dataset_(dataset), element_size_(element_size)
{
    const Hid dcpl(H5Dget_create_plist(dataset));
    const Hid type(H5Dget_type(dataset));
    hsize_t chunk = 0;
    const bool plain = dcpl.valid() && H5Pget_layout(dcpl.get()) == H5D_CHUNKED && H5Pget_nfilters(dcpl.get()) == 0 &&
                       H5Pget_chunk(dcpl.get(), 1, &chunk) == 1 && chunk > 0 && type.valid() &&
                       H5Tget_size(type.get()) == element_size &&
                       (H5Tequal(type.get(), H5T_NATIVE_INT64) > 0 || H5Tequal(type.get(), H5T_NATIVE_DOUBLE) > 0);
    void* handle = nullptr;
    const Hid fapl(H5Fget_access_plist(file));
    const bool sec2 = fapl.valid() && H5Pget_driver(fapl.get()) == H5FD_SEC2 &&
                      H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) >= 0 && handle != nullptr;
    H5Eclear2(H5E_DEFAULT);
    if (plain && sec2) {
        fd_ = *static_cast<int*>(handle);
        chunk_elements_ = chunk;
    }
}

haddr_t RawChunkReader::chunkAddress(std::uint64_t chunk) const
{
    if (chunk >= addresses_.size())
        addresses_.resize(chunk + 1, 0);
    if (addresses_[chunk] == 0) {
        hsize_t offset = chunk * chunk_elements_;
        unsigned filter_mask = 0;
        haddr_t address = HADDR_UNDEF;
        hsize_t size = 0;
        if (H5Dget_chunk_info_by_coord(dataset_, &offset, &filter_mask, &address, &size) < 0 ||
            address == HADDR_UNDEF || size != chunk_elements_ * element_size_) {
            H5Eclear2(H5E_DEFAULT);
            return 0;
        }
        addresses_[chunk] = address;
    }
    return addresses_[chunk];
}

void RawChunkReader::willNeed(std::uint64_t first, std::size_t count) const
{
    if (fd_ < 0 || count == 0)
        return;
    const std::uint64_t last = first + count - 1;
    for (std::uint64_t chunk = first / chunk_elements_; chunk <= last / chunk_elements_; ++chunk) {
        const haddr_t address = chunkAddress(chunk);
        if (address == 0)
            return;
        const std::uint64_t from = std::max(first, chunk * chunk_elements_) - chunk * chunk_elements_;
        const std::uint64_t to = std::min(last + 1, (chunk + 1) * chunk_elements_) - chunk * chunk_elements_;
        ::posix_fadvise(fd_, static_cast<off_t>(address + from * element_size_),
                        static_cast<off_t>((to - from) * element_size_), POSIX_FADV_WILLNEED);
    }
}

bool RawChunkReader::read(std::uint64_t first, std::size_t count, void* into) const
{
    if (fd_ < 0)
        return false;
    auto* out = static_cast<char*>(into);
    while (count > 0) {
        const std::uint64_t chunk = first / chunk_elements_;
        const haddr_t address = chunkAddress(chunk);
        if (address == 0)
            return false;
        const std::uint64_t within = first - chunk * chunk_elements_;
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(count, chunk_elements_ - within));
        const std::size_t bytes = n * element_size_;
        const auto at = static_cast<off_t>(address + within * element_size_);
        if (::pread(fd_, out, bytes, at) != static_cast<ssize_t>(bytes))
            return false;
        out += bytes;
        first += n;
        count -= n;
    }
    return true;
}

} // namespace streamscope
