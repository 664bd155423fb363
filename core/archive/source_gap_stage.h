#pragma once

#include "core/archive/recorder_stage.h"
#include "core/ingest/source.h"
#include "core/pipeline/pipeline_stage.h"

#include <vector>

namespace streamscope {

// Brings the sources' gaps (a serial device away) to the recorder. Gaps are noticed on the ingest
// thread; this stage looks at them on each pipeline tick and records every gap once it has ended, and
// at the end of the recording any gap still open, closed at the last tick's time.
class SourceGapStage final : public PipelineStage {
public:
    SourceGapStage(std::vector<const Source*> sources, RecorderStage& recorder);

    void process(std::span<const ChannelSample> /*samples*/) override {}
    void tick(TimeNs now_ns) override;
    void finish() override;

private:
    std::vector<const Source*> sources_;
    std::vector<std::size_t> recorded_; // per source: gaps already handed to the recorder
    RecorderStage& recorder_;
    TimeNs last_tick_ns_ = 0;
};

} // namespace streamscope
