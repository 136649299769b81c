using SchemaGen.Batches;

namespace SchemaGen.Runtime.Tests.Batches;

/// <summary>The ragged layout of a feature list column: values, per-row step offsets, presence, undo.</summary>
public class FeatureListColumnTests
{
    [Fact]
    public void Rows_of_steps_lie_back_to_back_with_step_offsets()
    {
        var column = new FeatureListColumn<int>(capacity: 3, stepWidth: 2);
        Fill(column.AppendRow(2), 1, 2, 3, 4);
        column.AppendMissing();
        Fill(column.AppendRow(1), 5, 6);

        Assert.Equal(3, column.Count);
        Assert.Equal([0, 2, 2, 3], column.StepOffsets.ToArray());
        Assert.Equal([1, 2, 3, 4, 5, 6], column.Values.ToArray());
        Assert.Equal([1, 2, 3, 4], column[0].ToArray());
        Assert.Equal([3, 4], column.GetStep(0, 1).ToArray());
        Assert.Equal([[5, 6]], column.GetSteps(2));
        Assert.Equal(0, column.GetStepCount(1));
        Assert.True(column.IsPresent(0));
        Assert.False(column.IsPresent(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => column.GetStep(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => column.IsPresent(3));
        Assert.Throws<InvalidOperationException>(() => column.AppendRow(0));
    }

    [Fact]
    public void Truncate_undoes_appended_rows_and_Clear_keeps_the_buffers()
    {
        var column = new FeatureListColumn<long>(capacity: 2);
        Fill(column.AppendRow(3), 7, 8, 9);
        column.AppendRow(1000);
        column.Truncate(1);
        Assert.Equal([7L, 8, 9], column.Values.ToArray());
        Assert.Equal([0, 3], column.StepOffsets.ToArray());

        column.Clear();
        Assert.Equal(0, column.Count);
        Assert.True(column.Values.IsEmpty);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Span<long> reused = column.AppendRow(500);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(500, reused.Length);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureListColumn<float>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureListColumn<float>(1, stepWidth: 0));
        var column = new FeatureListColumn<float>(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => column.AppendRow(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => column.Truncate(1));
    }

    private static void Fill<T>(Span<T> values, params T[] items) => items.CopyTo(values);
}
