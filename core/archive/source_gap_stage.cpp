#include "core/archive/source_gap_stage.h"

namespace streamscope {

SourceGapStage::SourceGapStage(std::vector<const Source*> sources, RecorderStage& recorder)
    : sources_(std::move(sources)), recorded_(sources_.size(), 0), recorder_(recorder)
{
}

void SourceGapStage::tick(TimeNs now_ns)
{
    last_tick_ns_ = now_ns;
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        const std::vector<SourceGap> gaps = sources_[s]->gaps(); // a short lock; gaps are rare
        while (recorded_[s] < gaps.size() && gaps[recorded_[s]].end_ns != 0) {
            const SourceGap& gap = gaps[recorded_[s]++];
            recorder_.pushSourceEvent({sources_[s]->name(), "gap", gap.start_ns, gap.end_ns, "device away"});
        }
    }
}

void SourceGapStage::finish()
{
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        const std::vector<SourceGap> gaps = sources_[s]->gaps();
        for (std::size_t g = recorded_[s]; g < gaps.size(); ++g) {
            const bool open = gaps[g].end_ns == 0;
            recorder_.pushSourceEvent({sources_[s]->name(), "gap", gaps[g].start_ns,
                                       open ? std::max(last_tick_ns_, gaps[g].start_ns) : gaps[g].end_ns,
                                       open ? "device still away when the recording ended" : "device away"});
        }
        recorded_[s] = gaps.size();
    }
}

} // namespace streamscope
