using System.Buffers.Binary;
using System.Text;

namespace SchemaGen.Datasets;

/// <summary>
/// Where a <see cref="BatchReader{TBatch}"/> stands: the next batch's epoch and number within the epoch, and a
/// fingerprint of the dataset (files, sizes, seeds, stages, batch size) it belongs to.
/// </summary>
/// <remarks>
/// The checkpoint is a replay description, not a copy of the reader's buffers: every random choice of the pipeline
/// (file order, shuffle buffer, global permutation) is derived from the seeds and the epoch number alone, so a
/// reader opened with a checkpoint replays the epoch's reading up to that batch (without parsing) and rebuilds
/// exactly the shuffle buffer the saved reader held. It is 32 bytes whatever the buffer size; the price is reading
/// the part of the epoch already done once more at restore. The files must be unchanged (the fingerprint checks
/// their names and sizes); the epoch count may differ, so a run can be extended.
/// </remarks>
public sealed class DatasetCheckpoint
{
    private const int Size = 32;
    private const uint Magic = 0x4B504347; // "GCPK" little-endian: SchemaGen checkpoint
    private const int FormatVersion = 1;

    internal DatasetCheckpoint(long epoch, long batchInEpoch, ulong datasetFingerprint)
    {
        Epoch = epoch;
        BatchInEpoch = batchInEpoch;
        DatasetFingerprint = datasetFingerprint;
    }

    /// <summary>The epoch of the next batch, from 0.</summary>
    public long Epoch { get; }

    /// <summary>The number of the next batch within <see cref="Epoch"/>, from 0.</summary>
    public long BatchInEpoch { get; }

    /// <summary>A hash of everything that decides which records come in which order.</summary>
    public ulong DatasetFingerprint { get; }

    /// <summary>Serializes the checkpoint (32 bytes: magic, version, epoch, batch, fingerprint; little-endian).</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), Epoch);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), BatchInEpoch);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), DatasetFingerprint);
        return bytes;
    }

    /// <summary>Reads a checkpoint written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The serialized checkpoint.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The bytes are not a checkpoint of this version.</exception>
    public static DatasetCheckpoint FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException($"Not a dataset checkpoint: expected {Size} bytes starting with the checkpoint magic, found {bytes.Length} bytes.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        long epoch = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        long batch = BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]);
        if (version != FormatVersion || epoch < 0 || batch < 0)
        {
            throw new FormatException($"Unsupported dataset checkpoint: version {version}, epoch {epoch}, batch {batch} (this reader writes version {FormatVersion}).");
        }

        return new DatasetCheckpoint(epoch, batch, BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    /// <summary>The position, for logs.</summary>
    /// <returns>For example <c>epoch 3, batch 17 (dataset 0x…)</c>.</returns>
    public override string ToString() => $"epoch {Epoch}, batch {BatchInEpoch} (dataset 0x{DatasetFingerprint:x16})";

    // FNV-1a over UTF-8: stable across runs and runtimes, unlike string.GetHashCode.
    internal static ulong Fingerprint(string description)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (byte b in Encoding.UTF8.GetBytes(description))
        {
            hash = (hash ^ b) * 0x100000001B3;
        }

        return hash;
    }
}
