using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using SchemaGen.Checksums;

namespace SchemaGen.Records;

/// <summary>
/// The wire layout of one record: <c>uint64 length (LE) | uint32 masked_crc32c(length bytes) | data |
/// uint32 masked_crc32c(data)</c>.
/// </summary>
internal static class TfRecordFraming
{
    /// <summary>The length and its checksum.</summary>
    public const int HeaderLength = 12;

    /// <summary>The data checksum.</summary>
    public const int FooterLength = 4;

    /// <summary>Header and footer: a record of n bytes takes n + 16 on disk.</summary>
    public const int Overhead = HeaderLength + FooterLength;

    /// <summary>The largest payload a single array can frame.</summary>
    public static int MaxPayloadLength => Array.MaxLength - Overhead;

    public static void WriteHeader(Span<byte> header, int length)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc32C.Compute(header[..8]));
    }

    public static void WriteFooter(Span<byte> footer, ReadOnlySpan<byte> data) =>
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc32C.Compute(data));

    /// <summary>Reads the length from a 12-byte header; false when its checksum does not match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadLength(ReadOnlySpan<byte> header, out ulong length)
    {
        length = BinaryPrimitives.ReadUInt64LittleEndian(header);
        return MaskedCrc32C.Compute(header[..8]) == BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool DataMatches(ReadOnlySpan<byte> data, ReadOnlySpan<byte> footer) =>
        MaskedCrc32C.Compute(data) == BinaryPrimitives.ReadUInt32LittleEndian(footer);
}
