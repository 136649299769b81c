using SchemaGen.Records;
using SchemaGen.Schema;

namespace SchemaGen.Datasets;

/// <summary>
/// Parses a raw batch into a typed one, row by row in record order, whichever thread runs it, first verifying the
/// data checksums a mapped file's reader left to it.
/// </summary>
internal static class BatchParser
{
    public static void Parse<TBatch>(RawBatch raw, TBatch batch, DatasetFile[] files)
        where TBatch : ITfExampleBatch<TBatch>
    {
        batch.Clear();
        var records = raw.Records;
        for (int row = 0; row < raw.Count; row++)
        {
            ref var record = ref records[row];
            if (row + 1 < raw.Count)
            {
                Prefetch(records[row + 1]);
            }

            if (record.Mapping is { DataChecksumsDeferred: true } mapping && !mapping.DataMatches(record.Start, record.Length))
            {
                throw TfRecordException.DataMismatch(record.Offset, record.Length, files[record.FileIndex].Name);
            }

            if (!batch.TryParseInto(record.Data, row, out var error))
            {
                ThrowDeferredDamageAfter(raw, row, files);
                ThrowParseError(error, files[record.FileIndex], record.Offset);
            }

            if (files[record.FileIndex].PartitionSuffix is { } suffix)
            {
                CheckPartitionClash(record.Data[..^suffix.Length], files[record.FileIndex], record.Offset);
            }
        }
    }

    // A buffered read would have failed at a later row's bad checksum while it filled the batch, before any row was
    // parsed: the mapped read reports the same, so the error does not depend on the read mode.
    private static void ThrowDeferredDamageAfter(RawBatch raw, int row, DatasetFile[] files)
    {
        var records = raw.Records;
        for (int later = row + 1; later < raw.Count; later++)
        {
            ref var record = ref records[later];
            if (record.Mapping is { DataChecksumsDeferred: true } mapping && !mapping.DataMatches(record.Start, record.Length))
            {
                throw TfRecordException.DataMismatch(record.Offset, record.Length, files[record.FileIndex].Name);
            }
        }
    }

    // Shuffled records lie far apart, beyond the reach of the hardware's prefetcher: fetching the next one while
    // this one is verified and parsed overlaps their memory latencies.
    private static unsafe void Prefetch(in PooledRecord record)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        var data = record.Data;
        fixed (byte* start = data)
        {
            for (int offset = 0; offset < data.Length + TfRecordFraming.FooterLength; offset += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + offset);
            }
        }
    }

    private static void CheckPartitionClash(ReadOnlySpan<byte> record, DatasetFile file, long offset)
    {
        var partitions = file.Partitions!;
        int clash = PartitionClash.Find(record, partitions.Utf8Columns);
        if (clash >= 0)
        {
            string column = partitions.Columns[clash];
            throw new DatasetParseException(
                $"{file.Locate(offset)}: feature '{column}' is in the record and is also a partition column (a {column}=… folder above the file). Spark leaves partition columns out of the files it writes, so one of the two is not Spark's: rename the feature or the folder, or read without WithPartitionFeatures.");
        }
    }

    private static void ThrowParseError(ExampleParseError error, DatasetFile file, long offset) =>
        throw new DatasetParseException(
            error, file is InMemoryDatasetFile ? null : file.Name, offset, file.Locate(offset));
}
