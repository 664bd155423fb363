#include "core/archive/archive_recovery.h"

#include "core/archive/archive_reader.h"
#include "core/archive/hdf5_handle.h"

namespace streamscope {

RecoveryResult recoverArchive(const std::string& path)
{
    silenceHdf5Errors();
    // Validates that it is a StreamScope archive (and tells the user clearly when it is not).
    ArchiveReader::open(path);
    {
        const Hid plain(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        if (plain.valid())
            return RecoveryResult::AlreadyClean;
        H5Eclear2(H5E_DEFAULT);
    }
    const Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    // The property h5clear uses; registered on every file-access list by the HDF5 1.10 library.
    hbool_t clear = 1;
    checkHdf5(H5Pset(fapl.get(), "clear_status_flags", &clear), "cannot recover " + path + " with this HDF5 library");
    Hid file(checkHdf5Id(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), "cannot recover " + path));
    if (!file.close())
        throw ArchiveError("cannot recover " + path + ": closing it failed: " + takeHdf5ErrorMessage());
    return RecoveryResult::Recovered;
}

} // namespace streamscope
