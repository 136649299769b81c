using System.Buffers.Binary;
using SchemaGen.Runtime.Tests.Checksums;

namespace SchemaGen.Runtime.Tests.Records;

/// <summary>TFRecord bytes built by hand from the wire definition, with the test's own reference CRC.</summary>
internal static class Framing
{
    public static byte[] Frame(params byte[][] payloads)
    {
        var output = new MemoryStream();
        foreach (var payload in payloads)
        {
            var header = new byte[12];
            BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), ReferenceCrc32C.Masked(header.AsSpan(0, 8)));
            var footer = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(footer, ReferenceCrc32C.Masked(payload));
            output.Write(header);
            output.Write(payload);
            output.Write(footer);
        }

        return output.ToArray();
    }

    /// <summary>A header claiming <paramref name="length"/> bytes, with a valid length checksum.</summary>
    public static byte[] Header(ulong length)
    {
        var header = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), ReferenceCrc32C.Masked(header.AsSpan(0, 8)));
        return header;
    }

    public static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    /// <summary>Record start offsets of <paramref name="payloads"/> framed back to back.</summary>
    public static long[] Offsets(params byte[][] payloads)
    {
        var offsets = new long[payloads.Length];
        long position = 0;
        for (int i = 0; i < payloads.Length; i++)
        {
            offsets[i] = position;
            position += payloads[i].Length + 16;
        }

        return offsets;
    }

    public static List<byte[]> ReadAll(TfRecordReader reader)
    {
        var records = new List<byte[]>();
        while (reader.TryReadNext(out var record))
        {
            records.Add(record.ToArray());
        }

        return records;
    }
}
