#include "core/archive/hdf5_handle.h"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <vector>

namespace streamscope {

void silenceHdf5Errors()
{
    // HDF5's own exit handler closes files left open; one whose close failed on a full disk crashes it.
    // Every file is closed (or abandoned) by its owner, so the handler has nothing useful to do.
    static std::once_flag once;
    std::call_once(once, [] { H5dont_atexit(); });
    // Debian builds HDF5 thread-safe, where the automatic error printing is a per-thread setting.
    thread_local bool silenced = false;
    if (!silenced) {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        silenced = true;
    }
}

namespace {

herr_t collectMessage(unsigned /*n*/, const H5E_error2_t* error, void* data)
{
    auto& messages = *static_cast<std::vector<std::string>*>(data);
    if (error->desc != nullptr && error->desc[0] != '\0')
        messages.emplace_back(error->desc);
    return 0;
}

} // namespace

std::string takeHdf5ErrorMessage()
{
    std::vector<std::string> messages;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collectMessage, &messages);
    H5Eclear2(H5E_DEFAULT);
    if (messages.empty())
        return "unknown HDF5 error";
    // A failed system call is the cause a user can act on ("File too large", "No space left on device");
    // HDF5 embeds it as "error message = '...'" in the deepest entries.
    static constexpr std::string_view kSystemMessage = "error message = '";
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        const std::size_t start = it->find(kSystemMessage);
        if (start == std::string::npos)
            continue;
        const std::size_t from = start + kSystemMessage.size();
        const std::size_t end = it->find('\'', from);
        return it->substr(from, end == std::string::npos ? std::string::npos : end - from);
    }
    // Otherwise the deepest entry says what failed (a bad signature, a missing object).
    std::string message = messages.back();
    std::replace(message.begin(), message.end(), '\n', ' ');
    return message;
}

void checkHdf5(herr_t status, const std::string& what)
{
    if (status < 0)
        throw ArchiveError(what + ": " + takeHdf5ErrorMessage());
}

hid_t checkHdf5Id(hid_t id, const std::string& what)
{
    if (id < 0)
        throw ArchiveError(what + ": " + takeHdf5ErrorMessage());
    return id;
}

bool Hid::close()
{
    if (id_ < 0)
        return true;
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    herr_t status = -1;
    switch (H5Iget_type(id)) {
    case H5I_FILE: status = H5Fclose(id); break;
    case H5I_GROUP: status = H5Gclose(id); break;
    case H5I_DATASET: status = H5Dclose(id); break;
    case H5I_DATASPACE: status = H5Sclose(id); break;
    case H5I_DATATYPE: status = H5Tclose(id); break;
    case H5I_GENPROP_LST: status = H5Pclose(id); break;
    case H5I_ATTR: status = H5Aclose(id); break;
    default: status = H5Idec_ref(id); break;
    }
    if (status < 0)
        H5Eclear2(H5E_DEFAULT);
    return status >= 0;
}

namespace {

Hid utf8StringType()
{
    Hid type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    return type;
}

} // namespace

void writeStringAttribute(hid_t object, const char* name, const std::string& value)
{
    const Hid type = utf8StringType();
    const Hid space(H5Screate(H5S_SCALAR));
    if (H5Aexists(object, name) > 0)
        H5Adelete(object, name);
    const Hid attribute(checkHdf5Id(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                    std::string("cannot create attribute ") + name));
    const char* text = value.c_str();
    checkHdf5(H5Awrite(attribute.get(), type.get(), &text), std::string("cannot write attribute ") + name);
}

void writeInt64Attribute(hid_t object, const char* name, long long value)
{
    const Hid space(H5Screate(H5S_SCALAR));
    if (H5Aexists(object, name) > 0)
        H5Adelete(object, name);
    const Hid attribute(checkHdf5Id(H5Acreate2(object, name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                    std::string("cannot create attribute ") + name));
    const std::int64_t v = value;
    checkHdf5(H5Awrite(attribute.get(), H5T_NATIVE_INT64, &v), std::string("cannot write attribute ") + name);
}

bool readStringAttribute(hid_t object, const char* name, std::string& value)
{
    if (H5Aexists(object, name) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    const Hid attribute(H5Aopen(object, name, H5P_DEFAULT));
    const Hid file_type(H5Aget_type(attribute.get()));
    if (!attribute.valid() || !file_type.valid() || H5Tget_class(file_type.get()) != H5T_STRING) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    if (H5Tis_variable_str(file_type.get()) > 0) {
        const Hid type = utf8StringType();
        char* text = nullptr;
        if (H5Aread(attribute.get(), type.get(), &text) < 0 || text == nullptr) {
            H5Eclear2(H5E_DEFAULT);
            return false;
        }
        value = text;
        H5free_memory(text);
        return true;
    }
    const std::size_t size = H5Tget_size(file_type.get());
    std::vector<char> buffer(size + 1, '\0');
    const Hid type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), size);
    if (H5Aread(attribute.get(), type.get(), buffer.data()) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    value.assign(buffer.data());
    return true;
}

bool readInt64Attribute(hid_t object, const char* name, long long& value)
{
    if (H5Aexists(object, name) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    const Hid attribute(H5Aopen(object, name, H5P_DEFAULT));
    std::int64_t v = 0;
    if (!attribute.valid() || H5Aread(attribute.get(), H5T_NATIVE_INT64, &v) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    value = v;
    return true;
}

} // namespace streamscope
