#include "core/archive/archive_recovery.h"

#include "core/archive/archive_reader.h"
#include "core/archive/hdf5_handle.h"

namespace streamscope {

bool clearArchiveOpenFlags(const std::string& path, std::string& error)
{
    silenceHdf5Errors();
    const Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    // The property h5clear uses; registered on every file-access list by the HDF5 1.10 library.
    hbool_t clear = 1;
    if (H5Pset(fapl.get(), "clear_status_flags", &clear) < 0) {
        error = "this HDF5 library cannot clear status flags: " + takeHdf5ErrorMessage();
        return false;
    }
    Hid file(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()));
    if (!file.valid()) {
        error = takeHdf5ErrorMessage();
        return false;
    }
    // A writer killed while adding objects can have written them past the end of allocation its
    // superblock last recorded; closing would cut the file there (and them off). Like `h5clear
    // --increment`, the end of allocation is first moved to the end of the file.
    if (H5Fincrement_filesize(file.get(), 0) < 0) {
        error = "cannot extend its end of allocation to its end of file: " + takeHdf5ErrorMessage();
        return false;
    }
    if (!file.close()) {
        error = "closing it failed: " + takeHdf5ErrorMessage();
        return false;
    }
    return true;
}

RecoveryResult recoverArchive(const std::string& path)
{
    silenceHdf5Errors();
    bool clean = false;
    {
        const Hid plain(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        clean = plain.valid();
        H5Eclear2(H5E_DEFAULT);
    }
    // Validates that it is a StreamScope archive (and tells the user clearly when it is not); a file
    // left open for plain writing is repaired by the reader itself.
    const bool repaired_by_reader = ArchiveReader::open(path)->repaired();
    if (clean)
        return RecoveryResult::AlreadyClean;
    if (repaired_by_reader)
        return RecoveryResult::Recovered;
    std::string error;
    if (!clearArchiveOpenFlags(path, error))
        throw ArchiveError("cannot recover " + path + ": " + error);
    return RecoveryResult::Recovered;
}

} // namespace streamscope
