using System.Buffers.Binary;
using System.IO.Compression;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// The payloads of a TFRecord file from tests/data/interop, sliced by the framing (u64 length, u32 masked CRC of the
/// length, payload, u32 masked CRC of the payload). CRCs are not checked here: the record reader is tested on its own,
/// and these tests are about the Example bytes.
/// </summary>
internal static class RecordPayloads
{
    public static List<byte[]> Read(string relativePath)
    {
        byte[] file = File.ReadAllBytes(InteropFiles.Path(relativePath));
        if (relativePath.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            file = plain.ToArray();
        }

        var payloads = new List<byte[]>();
        for (int position = 0; position < file.Length;)
        {
            int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(position)));
            payloads.Add(file.AsSpan(position + 12, length).ToArray());
            position += 16 + length;
        }

        return payloads;
    }
}
