#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace streamscope {

// An HDF5 failure turned into a message a user can act on (HDF5's own error stack printing is off).
class ArchiveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Turns off HDF5's automatic error stack printing for the whole process; idempotent.
void silenceHdf5Errors();

// The most specific messages of the current HDF5 error stack (then clears it), e.g.
// "file write failed ... errno = 27, error message = 'File too large'".
[[nodiscard]] std::string takeHdf5ErrorMessage();

// Throws ArchiveError("WHAT: <HDF5 message>") when `status` is negative.
void checkHdf5(herr_t status, const std::string& what);
// Throws when `id` is negative; returns it otherwise.
hid_t checkHdf5Id(hid_t id, const std::string& what);

// Owns one HDF5 identifier (file, group, dataset, dataspace, type, property list, attribute).
class Hid {
public:
    Hid() = default;
    explicit Hid(hid_t id) : id_(id) {}
    ~Hid() { reset(); }
    Hid(Hid&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Hid& operator=(Hid&& other) noexcept
    {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Hid(const Hid&) = delete;
    Hid& operator=(const Hid&) = delete;

    [[nodiscard]] hid_t get() const { return id_; }
    [[nodiscard]] bool valid() const { return id_ >= 0; }
    // Closes now and reports whether the close succeeded (closing a file writes its metadata).
    bool close();
    void reset() { close(); }
    // Forgets the identifier without closing it: for a file that must not be written to any more.
    void release() { id_ = H5I_INVALID_HID; }

private:
    hid_t id_ = H5I_INVALID_HID;
};

// Attribute helpers. Strings are written as variable-length UTF-8 (h5py reads them as str) and read
// back from either variable- or fixed-length strings, so that foreign files are readable too.
void writeStringAttribute(hid_t object, const char* name, const std::string& value);
void writeInt64Attribute(hid_t object, const char* name, long long value);
[[nodiscard]] bool readStringAttribute(hid_t object, const char* name, std::string& value);
[[nodiscard]] bool readInt64Attribute(hid_t object, const char* name, long long& value);

} // namespace streamscope
