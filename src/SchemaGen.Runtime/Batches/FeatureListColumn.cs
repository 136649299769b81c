namespace SchemaGen.Batches;

/// <summary>
/// A numeric feature list of a batch of SequenceExamples, laid out as a ragged tensor <c>[rows, (steps), shape…]</c>:
/// every step's values back to back in <see cref="Values"/>, <see cref="StepWidth"/> (prod(shape)) values per step;
/// row <c>r</c> holds steps <c>StepOffsets[r]..StepOffsets[r + 1]</c>, whose values start at
/// <c>StepOffsets[r] * StepWidth</c>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>Rows are appended in order; the buffers grow as needed and are kept by <see cref="Clear"/>.</remarks>
public sealed class FeatureListColumn<T>
    where T : unmanaged
{
    private T[] _values;
    private readonly int[] _stepOffsets;
    private readonly bool[] _present;

    /// <summary>Creates an empty column.</summary>
    /// <param name="capacity">The number of rows.</param>
    /// <param name="stepWidth">The number of values in each step: prod(shape), 1 for steps of one value.</param>
    /// <param name="stepCapacity">The number of steps (over all rows) to reserve room for.</param>
    public FeatureListColumn(int capacity, int stepWidth = 1, int stepCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(stepCapacity);
        StepWidth = stepWidth;
        _values = stepCapacity == 0 ? [] : new T[checked(stepCapacity * stepWidth)];
        _stepOffsets = new int[capacity + 1];
        _present = new bool[capacity];
    }

    /// <summary>The number of rows.</summary>
    public int Capacity => _present.Length;

    /// <summary>The number of rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>The number of values in each step: prod(shape).</summary>
    public int StepWidth { get; }

    /// <summary>All steps' values, row after row.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, _stepOffsets[Count] * StepWidth);

    /// <summary><see cref="Count"/> + 1 offsets in steps: row <c>r</c> holds steps <c>[StepOffsets[r], StepOffsets[r + 1])</c>.</summary>
    public ReadOnlySpan<int> StepOffsets => _stepOffsets.AsSpan(0, Count + 1);

    /// <summary>The values of all the steps of a row, step after step.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    public ReadOnlySpan<T> this[int row]
    {
        get
        {
            CheckRow(row);
            int start = _stepOffsets[row] * StepWidth;
            return _values.AsSpan(start, (_stepOffsets[row + 1] * StepWidth) - start);
        }
    }

    /// <summary>The number of steps in a row.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>The count.</returns>
    public int GetStepCount(int row)
    {
        CheckRow(row);
        return _stepOffsets[row + 1] - _stepOffsets[row];
    }

    /// <summary>The values of one step of a row.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <param name="step">The step's index in the row.</param>
    /// <returns><see cref="StepWidth"/> values.</returns>
    public ReadOnlySpan<T> GetStep(int row, int step)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)step, (uint)GetStepCount(row), nameof(step));
        return _values.AsSpan((_stepOffsets[row] + step) * StepWidth, StepWidth);
    }

    /// <summary>The steps of a row, each copied to a new array.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>The steps.</returns>
    public T[][] GetSteps(int row)
    {
        var steps = new T[GetStepCount(row)][];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = GetStep(row, i).ToArray();
        }

        return steps;
    }

    /// <summary>Whether a row had the feature list (false when it was missing, for an optional one).</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>True when present.</returns>
    public bool IsPresent(int row)
    {
        CheckRow(row);
        return _present[row];
    }

    /// <summary>Empties the column, keeping its buffers.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a row of <paramref name="stepCount"/> steps and returns their values to fill.</summary>
    /// <param name="stepCount">The number of steps.</param>
    /// <returns><paramref name="stepCount"/> × <see cref="StepWidth"/> values.</returns>
    /// <exception cref="InvalidOperationException">The column is full.</exception>
    public Span<T> AppendRow(int stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        EnsureRowRoom();
        int steps = checked(_stepOffsets[Count] + stepCount);
        int start = _stepOffsets[Count] * StepWidth;
        int end = checked(steps * StepWidth);
        if (end > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(end, Math.Max(16, _values.Length * 2)));
        }

        _present[Count] = true;
        _stepOffsets[++Count] = steps;
        return _values.AsSpan(start, end - start);
    }

    /// <summary>Appends a row where the feature list was missing: no steps, not present.</summary>
    /// <exception cref="InvalidOperationException">The column is full.</exception>
    public void AppendMissing()
    {
        EnsureRowRoom();
        _present[Count] = false;
        _stepOffsets[Count + 1] = _stepOffsets[Count];
        Count++;
    }

    /// <summary>Drops the rows from <paramref name="count"/> on (undoes appends of a record that failed to parse).</summary>
    /// <param name="count">The number of rows to keep, at most <see cref="Count"/>.</param>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Count, nameof(count));
        Count = count;
    }

    private void CheckRow(int row) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));

    private void EnsureRowRoom()
    {
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"The column is full: it holds {Capacity} rows.");
        }
    }
}
