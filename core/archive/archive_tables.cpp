#include "core/archive/archive_tables.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

namespace streamscope::archive {

namespace {

Hid fixedString(std::size_t size)
{
    Hid type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), size);
    H5Tset_strpad(type.get(), H5T_STR_NULLTERM);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    return type;
}

void insertString(hid_t compound, const char* name, std::size_t offset, std::size_t size)
{
    const Hid type = fixedString(size);
    H5Tinsert(compound, name, offset, type.get());
}

// Copies `text` into a NUL-terminated field, cutting it (at a UTF-8 character boundary) when too long.
template<std::size_t N>
void copyField(char (&field)[N], const std::string& text)
{
    std::memset(field, 0, N);
    std::size_t length = std::min(text.size(), N - 1);
    while (length > 0 && length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80)
        --length;
    std::memcpy(field, text.data(), length);
}

template<std::size_t N>
std::string fieldText(const char (&field)[N])
{
    return std::string(field, strnlen(field, N));
}

} // namespace

Hid makeAlertType()
{
    Hid type(H5Tcreate(H5T_COMPOUND, sizeof(AlertRow)));
    H5Tinsert(type.get(), "time_ns", offsetof(AlertRow, time_ns), H5T_NATIVE_INT64);
    insertString(type.get(), "channel", offsetof(AlertRow, channel), kChannelFieldSize);
    insertString(type.get(), "rule", offsetof(AlertRow, rule), kRuleFieldSize);
    insertString(type.get(), "severity", offsetof(AlertRow, severity), kSeverityFieldSize);
    insertString(type.get(), "state", offsetof(AlertRow, state), kStateFieldSize);
    H5Tinsert(type.get(), "value", offsetof(AlertRow, value), H5T_NATIVE_DOUBLE);
    return type;
}

Hid makeSourceEventType()
{
    Hid type(H5Tcreate(H5T_COMPOUND, sizeof(SourceEventRow)));
    insertString(type.get(), "source", offsetof(SourceEventRow, source), kSourceFieldSize);
    insertString(type.get(), "kind", offsetof(SourceEventRow, kind), kKindFieldSize);
    H5Tinsert(type.get(), "start_ns", offsetof(SourceEventRow, start_ns), H5T_NATIVE_INT64);
    H5Tinsert(type.get(), "end_ns", offsetof(SourceEventRow, end_ns), H5T_NATIVE_INT64);
    insertString(type.get(), "message", offsetof(SourceEventRow, message), kMessageFieldSize);
    return type;
}

Hid makeCountersType()
{
    Hid type(H5Tcreate(H5T_COMPOUND, sizeof(CountersRow)));
    H5Tinsert(type.get(), "frames", offsetof(CountersRow, frames), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "decode_errors", offsetof(CountersRow, decode_errors), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "kernel_drops", offsetof(CountersRow, kernel_drops), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "ring_drops", offsetof(CountersRow, ring_drops), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "over_channel_cap", offsetof(CountersRow, over_channel_cap), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "rejected_senders", offsetof(CountersRow, rejected_senders), H5T_NATIVE_UINT64);
    return type;
}

AlertRow toRow(const AlertRecord& event)
{
    AlertRow row{};
    row.time_ns = event.time_ns;
    copyField(row.channel, event.channel);
    copyField(row.rule, event.rule);
    copyField(row.severity, event.severity);
    copyField(row.state, std::string(event.raised ? "raised" : "cleared"));
    row.value = event.value;
    return row;
}

SourceEventRow toRow(const SourceEvent& event)
{
    SourceEventRow row{};
    copyField(row.source, event.source);
    copyField(row.kind, event.kind);
    row.start_ns = event.start_ns;
    row.end_ns = event.end_ns;
    copyField(row.message, event.message);
    return row;
}

AlertRecord fromRow(const AlertRow& row)
{
    return {row.time_ns, fieldText(row.channel), fieldText(row.rule), fieldText(row.severity),
            fieldText(row.state) == "raised", row.value};
}

SourceEvent fromRow(const SourceEventRow& row)
{
    return {fieldText(row.source), fieldText(row.kind), row.start_ns, row.end_ns, fieldText(row.message)};
}

Hid makeStatisticsType()
{
    Hid type(H5Tcreate(H5T_COMPOUND, sizeof(StatisticsRow)));
    insertString(type.get(), "channel", offsetof(StatisticsRow, channel), kChannelFieldSize);
    insertString(type.get(), "source", offsetof(StatisticsRow, source), kSourceFieldSize);
    H5Tinsert(type.get(), "window_ns", offsetof(StatisticsRow, window_ns), H5T_NATIVE_INT64);
    H5Tinsert(type.get(), "count", offsetof(StatisticsRow, count), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "non_finite", offsetof(StatisticsRow, non_finite), H5T_NATIVE_UINT64);
    H5Tinsert(type.get(), "min", offsetof(StatisticsRow, min), H5T_NATIVE_DOUBLE);
    H5Tinsert(type.get(), "max", offsetof(StatisticsRow, max), H5T_NATIVE_DOUBLE);
    H5Tinsert(type.get(), "mean", offsetof(StatisticsRow, mean), H5T_NATIVE_DOUBLE);
    H5Tinsert(type.get(), "std", offsetof(StatisticsRow, std), H5T_NATIVE_DOUBLE);
    H5Tinsert(type.get(), "rate_hz", offsetof(StatisticsRow, rate_hz), H5T_NATIVE_DOUBLE);
    H5Tinsert(type.get(), "last", offsetof(StatisticsRow, last), H5T_NATIVE_DOUBLE);
    H5Tinsert(type.get(), "last_time_ns", offsetof(StatisticsRow, last_time_ns), H5T_NATIVE_INT64);
    return type;
}

StatisticsRow toRow(const StatisticsRecord& record)
{
    StatisticsRow row{};
    copyField(row.channel, record.channel);
    copyField(row.source, record.source);
    row.window_ns = record.window_ns;
    row.count = record.summary.count;
    row.non_finite = record.summary.non_finite;
    row.min = record.summary.min;
    row.max = record.summary.max;
    row.mean = record.summary.mean;
    row.std = record.summary.std;
    row.rate_hz = record.rate_hz;
    row.last = record.last;
    row.last_time_ns = record.last_time_ns;
    return row;
}

StatisticsRecord fromRow(const StatisticsRow& row)
{
    return {fieldText(row.channel), fieldText(row.source), row.window_ns,
            {row.count, row.non_finite, row.min, row.max, row.mean, row.std}, row.rate_hz, row.last, row.last_time_ns};
}

} // namespace streamscope::archive
