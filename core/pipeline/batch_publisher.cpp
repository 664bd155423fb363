#include "core/pipeline/batch_publisher.h"

#include "core/protocol/channel_table.h"

#include <cassert>

namespace streamscope {

SampleBatch& BatchPublisher::begin(SourceId source)
{
    assert(current_ == nullptr && "begin() twice without commit()");
    current_ = ring_.beginWrite();
    if (current_ == nullptr)
        current_ = &scratch_;
    current_->clear();
    current_->source = source;
    return *current_;
}

std::size_t BatchPublisher::commit(ChannelTable& channels)
{
    assert(current_ != nullptr && "commit() without begin()");
    SampleBatch* batch = current_;
    current_ = nullptr;
    if (batch == &scratch_)
        return batch->samples.size();
    if (batch->samples.empty() && !channels.hasPendingAnnouncements())
        return 0; // nothing worth a slot; the slot stays free for the next begin()
    channels.appendPendingAnnouncements(*batch);
    ring_.commitWrite();
    channels.markAnnounced();
    return 0;
}

} // namespace streamscope
