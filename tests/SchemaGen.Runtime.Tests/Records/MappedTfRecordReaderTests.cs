using SchemaGen.Records;

namespace SchemaGen.Runtime.Tests.Records;

/// <summary>
/// A reader over a mapped file against the buffered reader, the one the TensorFlow-written files check: the same
/// records, damage, messages and counts for every damaged variant of a file and every policy.
/// </summary>
public sealed class MappedTfRecordReaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<DamagePolicy> Policies => new() { DamagePolicy.Throw, DamagePolicy.SkipRecord, DamagePolicy.SkipFile };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Reads_every_damaged_variant_of_a_file_as_the_buffered_reader_does(DamagePolicy policy)
    {
        byte[] file = File.ReadAllBytes(InteropFiles.Path("pytorch-data/test/_fakedata/tfrecord/example.tfrecord"));
        var random = new Random(3);
        var variants = new List<byte[]> { file };
        foreach (int cut in new[] { 1, 11, 12, 13, file.Length / 2, file.Length - 4, file.Length - 1 })
        {
            variants.Add(file[..cut]);
        }

        for (int i = 0; i < 40; i++)
        {
            byte[] flipped = (byte[])file.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            variants.Add(flipped);
        }

        var options = new TfRecordReaderOptions { Policy = policy };
        for (int v = 0; v < variants.Count; v++)
        {
            string path = _directory.File($"variant-{v}.tfrecord");
            File.WriteAllBytes(path, variants[v]);
            var mapping = MappedTfRecordFile.TryOpen(path)!;
            using var mapped = new TfRecordReader(mapping, path, options);
            using var buffered = new TfRecordReader(path, options);

            Assert.Equal(Outcome(buffered), Outcome(mapped));
            Assert.Equal(buffered.SkippedRecords, mapped.SkippedRecords);
            Assert.Equal(buffered.FileSkipped, mapped.FileSkipped);
            Assert.Equal(buffered.Damage.Select(d => d.Message), mapped.Damage.Select(d => d.Message));
        }
    }

    [Fact]
    public void Seeks_and_reads_by_offset_within_the_mapping()
    {
        string path = _directory.File("records.tfrecord");
        var payloads = Enumerable.Range(0, 50).Select(i => Enumerable.Repeat((byte)i, i * 7).ToArray()).ToArray();
        using (var writer = new TfRecordWriter(path))
        {
            foreach (var payload in payloads)
            {
                writer.Write(payload);
            }
        }

        long[] offsets = payloads.Select((p, i) => payloads.Take(i).Sum(q => q.Length + 16L)).ToArray();
        using var reader = new TfRecordReader(MappedTfRecordFile.TryOpen(path)!, path, null);
        foreach (int i in new[] { 49, 0, 17, 17, 3 })
        {
            Assert.True(reader.TryReadAt(offsets[i], out var record));
            Assert.Equal(payloads[i], record.ToArray());
            Assert.Equal(offsets[i], reader.RecordOffset);
        }

        Assert.False(reader.TryReadAt(new FileInfo(path).Length, out _));
        Assert.False(reader.TryReadAt(new FileInfo(path).Length + 100, out _));
    }

    [Fact]
    public void An_empty_file_is_not_mapped()
    {
        string path = _directory.File("empty.tfrecord");
        File.WriteAllBytes(path, []);
        Assert.Null(MappedTfRecordFile.TryOpen(path));
    }

    public void Dispose() => _directory.Dispose();

    // Every record, then the end or the exception that stopped the reader.
    private static List<string> Outcome(TfRecordReader reader)
    {
        var outcome = new List<string>();
        try
        {
            while (reader.TryReadNext(out var record))
            {
                outcome.Add($"{reader.RecordOffset}: {Convert.ToHexString(record.Span)}");
            }

            outcome.Add("end");
        }
        catch (TfRecordException e)
        {
            outcome.Add($"{e.GetType().Name} {e.Kind} {e.Offset}: {e.Message}");
        }

        return outcome;
    }
}
