using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using SchemaGen.Datasets;
using SchemaGen.Protos;
using SchemaGen.Runtime.Tests.Checksums;
using SchemaGen.Runtime.Tests.Records;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// The first damage in a file is the one reported, at the same offset, whatever reads it: the reader on a path, on a
/// seekable or unseekable stream, GZIP or ZLIB data, or a dataset mapped or buffered, with or without parse workers,
/// under every damage policy.
/// </summary>
public sealed class FirstDamageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<int, DamagePolicy> Cases()
    {
        var cases = new TheoryData<int, DamagePolicy>();
        foreach (int before in new[] { 0, 5 })
        {
            foreach (var policy in new[] { DamagePolicy.Throw, DamagePolicy.SkipRecord, DamagePolicy.SkipFile })
            {
                cases.Add(before, policy);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_reader_reports_the_first_damage(int before, DamagePolicy policy)
    {
        (byte[] file, long bad) = DamagedFile(before);
        var expected = Expected(bad, before, policy);
        var options = new TfRecordReaderOptions { Policy = policy };
        string path = _directory.File($"plain-{before}-{policy}.tfrecord");
        File.WriteAllBytes(path, file);
        string gzipPath = _directory.File($"gzip-{before}-{policy}.tfrecord.gz");
        File.WriteAllBytes(gzipPath, Compress(file, zlib: false));

        Assert.Equal(expected, Outcome(() => new TfRecordReader(path, options)));
        Assert.Equal(expected, Outcome(() => new TfRecordReader(path, new TfRecordReaderOptions { Policy = policy, BufferSize = 4096 })));
        Assert.Equal(expected, Outcome(() => new TfRecordReader(new MemoryStream(file), options)));
        Assert.Equal(expected, Outcome(() => new TfRecordReader(new NonSeekableStream(file, chunk: 7), options)));
        Assert.Equal(expected, Outcome(() => new TfRecordReader(gzipPath, options)));
        Assert.Equal(expected, Outcome(() => new TfRecordReader(new NonSeekableStream(Compress(file, zlib: true), chunk: 5), options)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_dataset_mode_reports_the_first_damage(int before, DamagePolicy policy)
    {
        (byte[] file, long bad) = DamagedFile(before);
        var expected = Expected(bad, before, policy);
        string path = _directory.File($"plain-{before}-{policy}.tfrecord");
        File.WriteAllBytes(path, file);
        string gzipPath = _directory.File($"gzip-{before}-{policy}.tfrecord.gz");
        File.WriteAllBytes(gzipPath, Compress(file, zlib: false));

        foreach (int threads in new[] { 0, 2 })
        {
            foreach (int batchSize in new[] { 1, 4, 64 })
            {
                var options = new TfRecordReaderOptions { Policy = policy };
                var mapped = TfRecordDataset.FromFiles(path).WithReaderOptions(options);
                Assert.Equal(expected, Outcome(ExactlyOnceTests.Parallelize(mapped.Batch<Numbered.Batch>(batchSize), threads)));
                Assert.Equal(expected, Outcome(ExactlyOnceTests.Parallelize(mapped.WithMemoryMapping(false).Batch<Numbered.Batch>(batchSize), threads)));
                var compressed = TfRecordDataset.FromFiles(gzipPath).WithReaderOptions(options);
                Assert.Equal(expected, Outcome(ExactlyOnceTests.Parallelize(compressed.Batch<Numbered.Batch>(batchSize), threads)));
            }
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 4)]
    [InlineData(2, 4)]
    public void A_bad_checksum_after_a_record_that_does_not_parse_is_reported_in_every_mode(int threads, int batchSize)
    {
        // Record 0 fits no Numbered ("id" holds bytes), record 1's data checksum is wrong. Read buffered, the reader
        // meets the bad checksum while it fills the batch; read mapped, the parse worker checks it: both report it.
        var notANumber = new Example { Features = new Features() };
        notANumber.Features.Feature["id"] = new Feature { BytesList = new BytesList { Value = { ByteString.CopyFromUtf8("x") } } };
        byte[] first = Framing.Frame(notANumber.ToByteArray());
        byte[] second = Framing.Frame(new Numbered(1).ToByteArray());
        second[^1] ^= 0xFF;
        string path = _directory.File($"parse-then-bad-{threads}-{batchSize}.tfrecord");
        File.WriteAllBytes(path, [.. first, .. second]);
        var dataset = TfRecordDataset.FromFiles(path);

        string expected = batchSize == 1 ? "DatasetParseException at 0" : $"TfRecordException Corrupted at {first.Length + 12}";
        Assert.Equal(expected, Failure(ExactlyOnceTests.Parallelize(dataset.WithMemoryMapping(false).Batch<Numbered.Batch>(batchSize), threads)));
        Assert.Equal(expected, Failure(ExactlyOnceTests.Parallelize(dataset.Batch<Numbered.Batch>(batchSize), threads)));
    }

    public void Dispose() => _directory.Dispose();

    private static string Failure(BatchDataset<Numbered.Batch> batches)
    {
        try
        {
            DatasetFiles.Ids(batches);
            return "no failure";
        }
        catch (TfRecordException e)
        {
            return $"TfRecordException {e.Kind} at {e.Offset}";
        }
        catch (DatasetParseException e)
        {
            return $"DatasetParseException at {e.RecordOffset}";
        }
    }

    /// <summary>
    /// <paramref name="before"/> good records, then a zero-length record whose data checksum is wrong, then one stray
    /// byte: the fuzzer's 17-byte file when nothing comes before. Returns the bytes and where the bad record starts.
    /// </summary>
    private static (byte[] File, long Bad) DamagedFile(int before)
    {
        byte[][] good = Enumerable.Range(0, before).Select(i => new Numbered(i).ToByteArray()).ToArray();
        byte[] prefix = Framing.Frame(good);
        var bad = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(8), ReferenceCrc32C.Masked(bad.AsSpan(0, 8)));
        BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(12), ReferenceCrc32C.Masked([]) ^ 1);
        return ([.. prefix, .. bad, 0x42], prefix.Length);
    }

    // TensorFlow's answers, from the wire rules: the bad data checksum is "corrupted record at start + 12"; the stray
    // byte after it is "truncated record at start + 16".
    private static List<string> Expected(long bad, int before, DamagePolicy policy) => policy switch
    {
        DamagePolicy.Throw => [$"threw Corrupted at {bad + 12}"],
        DamagePolicy.SkipRecord => [$"read {before}", $"Corrupted at {bad + 12}", $"Truncated at {bad + 16}", "skipped 1 records, 1 files"],
        _ => [$"read {before}", $"Corrupted at {bad + 12}", "skipped 0 records, 1 files"],
    };

    private static List<string> Outcome(Func<TfRecordReader> open)
    {
        using var reader = open();
        long read = 0;
        try
        {
            while (reader.TryReadNext(out _))
            {
                read++;
            }
        }
        catch (TfRecordException e)
        {
            return [$"threw {e.Kind} at {e.Offset}"];
        }

        return [$"read {read}", .. reader.Damage.Select(d => $"{d.Kind} at {d.Offset}"), $"skipped {reader.SkippedRecords} records, {(reader.FileSkipped ? 1 : 0)} files"];
    }

    private static List<string> Outcome(BatchDataset<Numbered.Batch> batches)
    {
        using var reader = batches.Open();
        long read = 0;
        try
        {
            while (reader.MoveNext())
            {
                read += reader.Current.Count;
            }
        }
        catch (TfRecordException e)
        {
            return [$"threw {e.Kind} at {e.Offset}"];
        }

        return [$"read {read}", .. reader.Damage.Select(d => $"{d.Kind} at {d.Offset}"), $"skipped {reader.SkippedRecords} records, {reader.SkippedFiles} files"];
    }

    private static byte[] Compress(byte[] data, bool zlib)
    {
        var output = new MemoryStream();
        using (Stream compressor = zlib ? new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
