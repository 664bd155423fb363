#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace streamscope {

// Reads short runs of an uncompressed, chunked 1-D series straight from the file with pread(). A
// 64-sample column edge costs HDF5 far more in per-call work (selections, identifiers) than in bytes;
// an overview reads thousands of them. Chunk addresses are looked up once each (H5Dget_chunk_info_by_coord).
// The series' file type must equal the host's (little-endian int64 and float64, as ArchiveWriter writes
// them). Not usable (read() returns false, so the caller goes through HDF5) for compressed series,
// other file drivers or foreign types. Not thread-safe: it caches addresses.
class RawChunkReader {
public:
    RawChunkReader() = default;
    RawChunkReader(hid_t file, hid_t dataset, std::size_t element_size);

    // Elements [first, first + count) into `into`; false when it cannot (the caller reads through HDF5).
    bool read(std::uint64_t first, std::size_t count, void* into) const;
    // Asks the kernel to start reading elements [first, first + count) now (POSIX_FADV_WILLNEED), so that
    // many scattered reads that follow overlap on a cold disk instead of waiting for it one by one.
    void willNeed(std::uint64_t first, std::size_t count) const;

private:
    // The file address of chunk `chunk`, looked up once; 0 when it has none (not allocated, or filtered).
    haddr_t chunkAddress(std::uint64_t chunk) const;

    hid_t dataset_ = H5I_INVALID_HID; // not owned
    int fd_ = -1;
    std::size_t element_size_ = 0;
    std::uint64_t chunk_elements_ = 0;
    mutable std::vector<haddr_t> addresses_; // per chunk; 0: not looked up yet
};

} // namespace streamscope
