#pragma once

#include <string>

namespace streamscope {

enum class RecoveryResult { AlreadyClean, Recovered };

// Makes an archive whose recorder was killed (still marked "open for SWMR writing") openable by every
// HDF5 tool, including those that do not use SWMR: it reopens the file for writing with HDF5's
// clear-status-flags access property (what `h5clear -s` does) and closes it, which keeps all data up to
// the last flush. Throws ArchiveError naming the problem.
RecoveryResult recoverArchive(const std::string& path);

// The repair step alone, on any HDF5 file: clears the "open for writing" flags that a killed writer left
// in the superblock. Returns false (with the HDF5 message in `error`) when the file cannot be opened
// for writing that way.
bool clearArchiveOpenFlags(const std::string& path, std::string& error);

} // namespace streamscope
