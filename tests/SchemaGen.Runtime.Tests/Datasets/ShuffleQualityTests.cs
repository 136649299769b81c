namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// The shuffle buffer's statistics. Seeds are fixed, so each test's outcome is fixed too; the thresholds are
/// chi-square quantiles far in the tail (p ≈ 1e-6), so a correct shuffle passes for any seed one would pick.
/// </summary>
public sealed class ShuffleQualityTests
{
    [Fact]
    public void A_buffer_as_large_as_the_data_gives_every_permutation_equally_often()
    {
        // 4 records: 24 permutations, each expected 1000 times in 24,000 epochs. Chi-square, 23 degrees of freedom.
        const int epochs = 24_000;
        var counts = PermutationCounts(bufferSize: 4, records: 4, epochs);

        Assert.Equal(24, counts.Count);
        Assert.True(ChiSquare(counts.Values, epochs / 24.0) < 70, $"chi-square {ChiSquare(counts.Values, epochs / 24.0):F1}");
    }

    [Fact]
    public void A_buffer_as_large_as_the_data_puts_every_record_at_every_position_equally_often()
    {
        // 10 records over 10,000 epochs: each (record, position) cell expects 1000. A contingency table, 81 degrees of freedom.
        const int records = 10, epochs = 10_000;
        var cells = PositionCounts(bufferSize: 16, records, epochs);

        Assert.True(ChiSquare(cells, epochs / (double)records) < 150, $"chi-square {ChiSquare(cells, epochs / (double)records):F1}");
    }

    [Fact]
    public void The_position_test_rejects_a_buffer_smaller_than_the_data()
    {
        // The same statistic for a buffer of 2 (a record moves at most a few places): the test can fail.
        const int records = 10, epochs = 10_000;
        var cells = PositionCounts(bufferSize: 2, records, epochs);

        Assert.True(ChiSquare(cells, epochs / (double)records) > 1000);
    }

    [Fact]
    public void A_buffer_of_one_keeps_the_file_order()
    {
        using var directory = new TempDirectory();
        var paths = DatasetFiles.Write(directory, [5, 9, 3]);

        var ids = DatasetFiles.Flatten(DatasetFiles.Ids(TfRecordDataset.FromFiles(paths).Shuffle(1, seed: 77).Batch<Numbered.Batch>(4)));

        Assert.Equal(Enumerable.Range(0, 17).Select(i => (long)i), ids);
    }

    [Fact]
    public void The_global_shuffle_puts_every_record_at_every_position_equally_often()
    {
        using var directory = new TempDirectory();
        var paths = DatasetFiles.Write(directory, [3, 4, 3]);
        const int records = 10, epochs = 3000;
        var cells = new int[records * records];
        var batches = TfRecordDataset.FromFiles(paths).ShuffleGlobally(seed: 6).Repeat(epochs).Batch<Numbered.Batch>(records);
        foreach (var batch in batches)
        {
            for (int position = 0; position < records; position++)
            {
                cells[batch.Id[position] * records + position]++;
            }
        }

        Assert.Equal(epochs * records, cells.Sum());
        Assert.True(ChiSquare(cells, epochs / (double)records) < 150, $"chi-square {ChiSquare(cells, epochs / (double)records):F1}");
    }

    private static Dictionary<string, int> PermutationCounts(int bufferSize, int records, int epochs)
    {
        var counts = new Dictionary<string, int>();
        var batches = TfRecordDataset.FromRecords(DatasetFiles.InMemory(records)).Shuffle(bufferSize, seed: 2024).Repeat(epochs)
            .Batch<Numbered.Batch>(records);
        foreach (var batch in batches)
        {
            string key = string.Join(",", DatasetFiles.IdsOf(batch));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static int[] PositionCounts(int bufferSize, int records, int epochs)
    {
        var cells = new int[records * records];
        var batches = TfRecordDataset.FromRecords(DatasetFiles.InMemory(records)).Shuffle(bufferSize, seed: 99).Repeat(epochs)
            .Batch<Numbered.Batch>(records);
        foreach (var batch in batches)
        {
            for (int position = 0; position < records; position++)
            {
                cells[batch.Id[position] * records + position]++;
            }
        }

        return cells;
    }

    private static double ChiSquare(IEnumerable<int> observed, double expected) =>
        observed.Sum(o => (o - expected) * (o - expected) / expected);
}
