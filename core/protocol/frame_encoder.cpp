#include "core/protocol/frame_encoder.h"

#include "core/protocol/frame_field_codec.h"
#include "core/protocol/packet_framing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace streamscope {

namespace {

template<typename T>
T clampedInteger(double value)
{
    if (std::isnan(value))
        return 0;
    const double rounded = std::round(value);
    // The largest 64-bit values are not exactly representable as doubles: compare against bounds that are.
    constexpr double lowest = static_cast<double>(std::numeric_limits<T>::lowest());
    constexpr double highest = static_cast<double>(std::numeric_limits<T>::max());
    if (rounded <= lowest)
        return std::numeric_limits<T>::lowest();
    if (rounded >= highest)
        return std::numeric_limits<T>::max();
    return static_cast<T>(rounded);
}

void writeField(std::uint8_t* p, FieldType type, ByteOrder order, double value)
{
    switch (type) {
    case FieldType::U8: p[0] = clampedInteger<std::uint8_t>(value); break;
    case FieldType::I8: p[0] = static_cast<std::uint8_t>(clampedInteger<std::int8_t>(value)); break;
    case FieldType::U16: storeBytes(p, clampedInteger<std::uint16_t>(value), order); break;
    case FieldType::I16: storeBytes(p, clampedInteger<std::int16_t>(value), order); break;
    case FieldType::U32: storeBytes(p, clampedInteger<std::uint32_t>(value), order); break;
    case FieldType::I32: storeBytes(p, clampedInteger<std::int32_t>(value), order); break;
    case FieldType::U64: storeBytes(p, clampedInteger<std::uint64_t>(value), order); break;
    case FieldType::I64: storeBytes(p, clampedInteger<std::int64_t>(value), order); break;
    case FieldType::F32: storeBytes(p, static_cast<float>(value), order); break;
    case FieldType::F64: storeBytes(p, value, order); break;
    }
}

void writeTime(std::uint8_t* p, const FrameField& field, TimeUnit unit, TimeNs time_ns)
{
    std::int64_t per = 1;
    switch (unit) {
    case TimeUnit::Seconds: per = 1'000'000'000; break;
    case TimeUnit::Milliseconds: per = 1'000'000; break;
    case TimeUnit::Microseconds: per = 1'000; break;
    case TimeUnit::Nanoseconds: per = 1; break;
    }
    if (field.type == FieldType::F32 || field.type == FieldType::F64) {
        writeField(p, field.type, field.order, static_cast<double>(time_ns) / static_cast<double>(per));
    } else if (field.type == FieldType::U64 || field.type == FieldType::I64) {
        // Integer arithmetic: a double would lose the nanoseconds of a 2020s epoch time.
        storeBytes(p, time_ns / per, field.order);
    } else {
        writeField(p, field.type, field.order, static_cast<double>(time_ns / per));
    }
}

} // namespace

FrameEncoder::FrameEncoder(FrameLayout layout, Framing framing) : layout_(std::move(layout)), framing_(framing)
{
    frame_.resize(layout_.declared_size);
}

void FrameEncoder::append(std::vector<std::uint8_t>& out, TimeNs time_ns, std::span<const double> values)
{
    std::fill(frame_.begin(), frame_.end(), std::uint8_t{0});
    std::copy(layout_.sync.begin(), layout_.sync.end(), frame_.begin());
    if (layout_.length) {
        const auto value = static_cast<double>(layout_.minimumLengthValue());
        writeField(frame_.data() + layout_.length->offset, layout_.length->type, layout_.length->order, value);
    }
    if (layout_.time)
        writeTime(frame_.data() + layout_.time->offset, *layout_.time, layout_.time_unit, time_ns);
    const std::size_t count = std::min(values.size(), layout_.fields.size());
    for (std::size_t k = 0; k < count; ++k) {
        const FrameField& field = layout_.fields[k];
        const double raw = field.scale != 0.0 ? (values[k] - field.add) / field.scale : 0.0;
        writeField(frame_.data() + field.offset, field.type, field.order, raw);
    }
    if (const std::size_t crc_bytes = layout_.checksumBytes()) {
        const std::size_t body = layout_.sync.size();
        const std::uint32_t crc =
            computeChecksum(layout_.checksum, {frame_.data() + body, frame_.size() - crc_bytes - body});
        std::uint8_t* at = frame_.data() + frame_.size() - crc_bytes;
        if (crc_bytes == 1)
            at[0] = static_cast<std::uint8_t>(crc);
        else if (crc_bytes == 2)
            storeBytes(at, static_cast<std::uint16_t>(crc), layout_.checksum_order);
        else
            storeBytes(at, crc, layout_.checksum_order);
    }
    switch (framing_) {
    case Framing::Sync: out.insert(out.end(), frame_.begin(), frame_.end()); break;
    case Framing::Cobs: appendCobs(out, frame_); break;
    case Framing::Slip: appendSlip(out, frame_); break;
    }
}

} // namespace streamscope
