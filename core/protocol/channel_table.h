#pragma once

#include "core/pipeline/sample_batch.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace streamscope {

// Interns one source's channel names into dense local ids. Owned by the ingest thread; lookups of known
// names do not allocate (heterogeneous lookup by string_view).
class ChannelTable {
public:
    explicit ChannelTable(std::size_t max_channels = 4096) : max_channels_(max_channels) {}

    // The id for `name`, creating it on first sight; nullopt once the cap on channels is reached.
    [[nodiscard]] std::optional<LocalChannelId> intern(std::string_view name);

    // The id of a known name, without creating one.
    [[nodiscard]] std::optional<LocalChannelId> find(std::string_view name) const;

    [[nodiscard]] std::size_t size() const { return names_.size(); }
    [[nodiscard]] const std::string& name(LocalChannelId id) const { return names_[id]; }

    // Copies the names not yet delivered into `batch`. Call markAnnounced() once that batch is
    // published; a dropped batch leaves them pending, so the next batch announces them again.
    void appendPendingAnnouncements(SampleBatch& batch) const;
    void markAnnounced() { announced_ = names_.size(); }
    [[nodiscard]] bool hasPendingAnnouncements() const { return announced_ < names_.size(); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, LocalChannelId, Hash, std::equal_to<>> ids_;
    std::vector<std::string> names_;
    std::size_t announced_ = 0;
    std::size_t max_channels_;
};

} // namespace streamscope
