namespace SchemaGen.Batches;

/// <summary>
/// A variable-length numeric feature of a batch: every row's values back to back in <see cref="Values"/>, row
/// <c>r</c> at <c>Values[Offsets[r]..Offsets[r + 1]]</c>, and whether the row had the feature at all.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>Rows are appended in order; the buffers grow as needed and are kept by <see cref="Clear"/>.</remarks>
public sealed class VarLenColumn<T>
    where T : unmanaged
{
    private T[] _values;
    private readonly int[] _offsets;
    private readonly bool[] _present;

    /// <summary>Creates an empty column.</summary>
    /// <param name="capacity">The number of rows.</param>
    /// <param name="valueCapacity">The number of values to reserve room for.</param>
    public VarLenColumn(int capacity, int valueCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(valueCapacity);
        _values = valueCapacity == 0 ? [] : new T[valueCapacity];
        _offsets = new int[capacity + 1];
        _present = new bool[capacity];
    }

    /// <summary>The number of rows.</summary>
    public int Capacity => _present.Length;

    /// <summary>The number of rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>All rows' values, back to back.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, _offsets[Count]);

    /// <summary><see cref="Count"/> + 1 offsets into <see cref="Values"/>: row <c>r</c> spans <c>[Offsets[r], Offsets[r + 1])</c>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);

    /// <summary>The values of a row.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    public ReadOnlySpan<T> this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
            return _values.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
        }
    }

    /// <summary>Whether a row had the feature (false when it was missing, for an optional feature).</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>True when present.</returns>
    public bool IsPresent(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        return _present[row];
    }

    /// <summary>Empties the column, keeping its buffers.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a row of <paramref name="count"/> values and returns them to fill.</summary>
    /// <param name="count">The number of values.</param>
    /// <returns>The row's values.</returns>
    /// <exception cref="InvalidOperationException">The column is full.</exception>
    public Span<T> AppendRow(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        EnsureRowRoom();
        int start = _offsets[Count];
        int end = checked(start + count);
        if (end > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(end, Math.Max(16, _values.Length * 2)));
        }

        _present[Count] = true;
        _offsets[++Count] = end;
        return _values.AsSpan(start, count);
    }

    /// <summary>Appends a row where the feature was missing: no values, not present.</summary>
    /// <exception cref="InvalidOperationException">The column is full.</exception>
    public void AppendMissing()
    {
        EnsureRowRoom();
        _present[Count] = false;
        _offsets[Count + 1] = _offsets[Count];
        Count++;
    }

    /// <summary>Drops the rows from <paramref name="count"/> on (undoes appends of a record that failed to parse).</summary>
    /// <param name="count">The number of rows to keep, at most <see cref="Count"/>.</param>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Count, nameof(count));
        Count = count;
    }

    private void EnsureRowRoom()
    {
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"The column is full: it holds {Capacity} rows.");
        }
    }
}
