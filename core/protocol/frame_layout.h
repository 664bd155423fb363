#pragma once

#include "core/protocol/checksum.h"
#include "core/protocol/decoder_options.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamscope {

enum class FieldType : std::uint8_t { U8, I8, U16, I16, U32, I32, U64, I64, F32, F64 };
enum class ByteOrder : std::uint8_t { Little, Big };

// How frames are cut out of a byte stream: by hunting for the sync bytes (and the layout's size or
// length field), or as COBS / SLIP packets, where the delimiter marks the end of each frame.
enum class Framing : std::uint8_t { Sync, Cobs, Slip };

[[nodiscard]] std::optional<FieldType> parseFieldType(std::string_view name);
[[nodiscard]] std::string_view fieldTypeName(FieldType type);
[[nodiscard]] std::size_t fieldTypeSize(FieldType type);
[[nodiscard]] std::optional<Framing> parseFraming(std::string_view name);
[[nodiscard]] std::string_view framingName(Framing framing);

struct FrameField {
    FieldType type = FieldType::U8;
    ByteOrder order = ByteOrder::Little;
    std::size_t offset = 0; // from the first byte of the frame (the first sync byte)
    std::string name;
    double scale = 1.0;     // value = raw * scale + add
    double add = 0.0;
};

// A binary frame declared as in `--frame 'sync=AA55 le u16:seq f32:ax*0.5+1 crc=crc16-ccitt'`:
// sync bytes, then fields at fixed offsets in frame order, then an optional trailing checksum over
// every byte after the sync bytes. With a length field the frame may be longer than the declared
// fields (the extra bytes are ignored); without one its size is fixed.
struct FrameLayout {
    std::vector<std::uint8_t> sync;
    std::vector<FrameField> fields;     // the value channels, in frame order
    std::optional<FrameField> length;   // u8 or u16: bytes after it up to, not including, the checksum
    std::optional<FrameField> time;     // a device timestamp in `time_unit`
    TimeUnit time_unit = TimeUnit::Microseconds;
    ChecksumKind checksum = ChecksumKind::None;
    ByteOrder checksum_order = ByteOrder::Little;

    std::size_t declared_size = 0;      // sync + every declared field and pad + checksum
    std::size_t length_end = 0;         // offset just after the length field (0 without one)
    std::size_t max_frame_bytes = 4096; // longer frames (by their length field) are impossible
    std::string text;                   // the declaration, for display

    [[nodiscard]] std::size_t checksumBytes() const { return checksumSize(checksum); }
    // The bytes before the fields: what must be buffered before a frame's size is known.
    [[nodiscard]] std::size_t headerSize() const { return length ? length_end : declared_size; }
    // The smallest value of the length field that still covers every declared field.
    [[nodiscard]] std::size_t minimumLengthValue() const
    {
        return declared_size - checksumBytes() - length_end;
    }
};

// What `--format binary` needs: the frame layout and how frames are cut from a byte stream.
struct BinaryFraming {
    FrameLayout layout;
    Framing framing = Framing::Sync;
};

// Parses the command-line form. On a bad token returns nullopt with a one-line message naming it.
[[nodiscard]] std::optional<FrameLayout> parseFrameLayout(std::string_view spec, std::string& error);

} // namespace streamscope
