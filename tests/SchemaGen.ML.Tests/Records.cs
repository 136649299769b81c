namespace SchemaGen.ML.Tests;

/// <summary>Deterministic records of every kind, with each optional both present and missing and lists of several lengths.</summary>
internal static class Records
{
    public static AllKinds[] Make(int count)
    {
        var random = new Random(12345);
        var records = new AllKinds[count];
        Hue[] hues = [Hue.Red, Hue.Green, Hue.Blue];
        for (int i = 0; i < count; i++)
        {
            records[i] = new AllKinds(
                Id: i,
                Small: random.Next(int.MinValue, int.MaxValue),
                Tiny: (short)random.Next(short.MinValue, short.MaxValue),
                Score: (float)random.NextDouble() * 100 - 50,
                // A value a float holds exactly: the double column reads back what was written.
                Precise: (float)(random.NextDouble() * 1e6),
                Flag: i % 3 == 0,
                Hue: hues[i % 3],
                Matrix: [.. Enumerable.Range(0, 6).Select(_ => (float)random.NextDouble())],
                Codes: [.. Enumerable.Range(0, 4).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))],
                Varying: [.. Enumerable.Range(0, i % 4).Select(_ => (float)random.NextDouble())],
                Tags: [.. Enumerable.Range(0, (i + 1) % 3).Select(_ => random.NextInt64(-1000, 1000))],
                Name: $"row {i} é✓",
                Words: [.. Enumerable.Range(0, i % 3).Select(w => $"w{w}-{i}")],
                Pixels: [.. Enumerable.Range(0, 4).Select(_ => (byte)random.Next(256))],
                Blob: [.. Enumerable.Range(0, i % 5).Select(_ => (byte)random.Next(256))],
                MaybeScore: i % 2 == 0 ? (float)random.NextDouble() : null,
                MaybeCount: i % 3 == 1 ? null : random.NextInt64(-5, 5),
                MaybeName: i % 4 == 0 ? null : $"m{i}");
        }

        return records;
    }

    public static void Write(string path, IEnumerable<AllKinds> records, TfRecordWriterOptions? options = null)
    {
        using var writer = new TfRecordWriter(path, options);
        foreach (AllKinds record in records)
        {
            writer.Write(record.ToByteArray());
        }
    }
}
