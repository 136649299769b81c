using System.IO.Compression;
using System.Security.Cryptography;
using SchemaGen.Datasets;

namespace SchemaGen.Fuzz.Targets;

/// <summary>
/// The TFRecord readers in every mode (a file, a small buffer, a seekable and an unseekable stream, GZIP and ZLIB,
/// datasets mapped and buffered, with and without parse workers) under every damage policy: each mode gives the same
/// records and reports the same damage at the same offsets, and nothing but the documented exceptions.
/// </summary>
public sealed class TfRecordTarget : IFuzzTarget, IDisposable
{
    private static readonly DamagePolicy[] Policies = [DamagePolicy.Throw, DamagePolicy.SkipRecord, DamagePolicy.SkipFile];

    private readonly string _directory = Directory.CreateTempSubdirectory("schemagen-fuzz-tfrecord-").FullName;

    public string Name => "tfrecord";

    public IReadOnlyList<byte[]> Seeds() => Targets.Seeds.Files(Targets.Seeds.SmallTfRecordFiles)
        .Select(bytes => bytes is [0x1f, 0x8b, ..] ? Decompress(bytes) : bytes).ToList();

    public long AllocationBound(int inputLength) => 256L * inputLength + (64 << 20);

    public void Run(byte[] input)
    {
        string plain = Path.Combine(_directory, "plain.tfrecord");
        string gzip = Path.Combine(_directory, "gzip.tfrecord.gz");
        File.WriteAllBytes(plain, input);
        byte[] gzipped = Compress(input, zlib: false);
        File.WriteAllBytes(gzip, gzipped);
        byte[] zlibbed = Compress(input, zlib: true);

        foreach (var policy in Policies)
        {
            TfRecordReaderOptions Options(TfRecordCompression compression, int bufferSize = 1 << 20) =>
                new() { Policy = policy, Compression = compression, BufferSize = bufferSize };

            var modes = new (string Name, Func<TfRecordReader> Open)[]
            {
                ("file", () => new TfRecordReader(plain, Options(TfRecordCompression.None))),
                ("file with a 4 KiB buffer", () => new TfRecordReader(plain, Options(TfRecordCompression.None, 4096))),
                ("seekable stream", () => new TfRecordReader(new MemoryStream(input), Options(TfRecordCompression.None))),
                ("unseekable stream", () => new TfRecordReader(new ChunkedStream(input, 7), Options(TfRecordCompression.None))),
                ("GZIP file", () => new TfRecordReader(gzip, Options(TfRecordCompression.Gzip))),
                ("ZLIB stream", () => new TfRecordReader(new ChunkedStream(zlibbed, 5), Options(TfRecordCompression.Zlib))),
            };

            string? expected = null;
            string first = "";
            foreach (var (name, open) in modes)
            {
                string outcome = ReaderOutcome(open);
                if (expected is null)
                {
                    (expected, first) = (outcome, name);
                }
                else if (outcome != expected)
                {
                    throw new FuzzFindingException($"{policy}: the {first} reader gives {expected} but the {name} reader gives {outcome}");
                }
            }

            var datasets = new (string Name, Func<BatchDataset<AnyRecord.Batch>> Open)[]
            {
                ("mapped dataset", () => TfRecordDataset.FromFiles(plain).WithReaderOptions(Options(TfRecordCompression.None)).Batch<AnyRecord.Batch>(3)),
                ("buffered dataset", () => TfRecordDataset.FromFiles(plain).WithMemoryMapping(false).WithReaderOptions(Options(TfRecordCompression.None)).Batch<AnyRecord.Batch>(3)),
                ("mapped dataset with 2 parse workers", () => TfRecordDataset.FromFiles(plain).WithReaderOptions(Options(TfRecordCompression.None)).Batch<AnyRecord.Batch>(3).Prefetch(2).WithMaxDegreeOfParallelism(2)),
                ("GZIP dataset", () => TfRecordDataset.FromFiles(gzip).WithReaderOptions(Options(TfRecordCompression.Gzip)).Batch<AnyRecord.Batch>(3)),
            };

            string? datasetExpected = null;
            string datasetFirst = "";
            foreach (var (name, open) in datasets)
            {
                string outcome = DatasetOutcome(open);
                if (datasetExpected is null)
                {
                    (datasetExpected, datasetFirst) = (outcome, name);
                }
                else if (outcome != datasetExpected)
                {
                    throw new FuzzFindingException($"{policy}: the {datasetFirst} gives {datasetExpected} but the {name} gives {outcome}");
                }
            }

            // A dataset that met no parse error reports the reader's damage. (All read batches of 3: which of a parse error
            // and a later framing damage in the same batch comes out depends on the batch size, as in tf.data.)
            if (!datasetExpected!.StartsWith("parse error", StringComparison.Ordinal) && Damage(datasetExpected) != Damage(expected!))
            {
                throw new FuzzFindingException($"{policy}: the reader gives {expected} but the datasets give {datasetExpected}");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // The records (count and digest) and the damage; a length over the limit reads as a truncation (the limit, 2 GiB,
    // is past the end of any input here; an input of unknown length cannot tell the two apart).
    private static string ReaderOutcome(Func<TfRecordReader> open)
    {
        using var reader = open();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        try
        {
            while (reader.TryReadNext(out var record))
            {
                digest.AppendData(BitConverter.GetBytes(record.Length));
                digest.AppendData(record.Span);
                count++;
            }
        }
        catch (TfRecordException e)
        {
            return $"damage: {Describe(e)}";
        }

        return $"{count} records {Convert.ToHexString(digest.GetHashAndReset())[..16]}; damage: {string.Join(", ", reader.Damage.Select(Describe))}; skipped {reader.SkippedRecords} records, {(reader.FileSkipped ? 1 : 0)} files";
    }

    private static string DatasetOutcome(Func<BatchDataset<AnyRecord.Batch>> open)
    {
        using var reader = open().Open();
        long count = 0;
        try
        {
            while (reader.MoveNext())
            {
                count += reader.Current.Count;
            }
        }
        catch (TfRecordException e)
        {
            return $"damage: {Describe(e)}";
        }
        catch (DatasetParseException e)
        {
            return $"parse error at {e.RecordOffset}: {e.Error.Kind}";
        }

        return $"{count} records; damage: {string.Join(", ", reader.Damage.Select(Describe))}; skipped {reader.SkippedRecords} records, {reader.SkippedFiles} files";
    }

    private static string Damage(string outcome) => outcome[outcome.IndexOf("damage:", StringComparison.Ordinal)..];

    private static string Describe(TfRecordException e) =>
        $"{(e.Kind == TfRecordDamageKind.TooLong ? TfRecordDamageKind.Truncated : e.Kind)} at {e.Offset}";

    private static byte[] Compress(byte[] data, bool zlib)
    {
        var output = new MemoryStream();
        using (Stream compressor = zlib ? new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
