#pragma once

#include <string>

namespace streamscope {

enum class RecoveryResult { AlreadyClean, Recovered };

// Makes an archive whose recorder was killed (still marked "open for SWMR writing") openable by every
// HDF5 tool, including those that do not use SWMR: it reopens the file for writing with HDF5's
// clear-status-flags access property (what `h5clear -s` does) and closes it, which keeps all data up to
// the last flush. Throws ArchiveError naming the problem.
RecoveryResult recoverArchive(const std::string& path);

} // namespace streamscope
