using System.Text;

namespace SchemaGen.Batches;

/// <summary>
/// A byte-string feature of a batch (strings, byte arrays, lists of them): every value's bytes back to back in
/// <see cref="Bytes"/>; value <c>v</c> at <c>Bytes[ValueOffsets[v]..ValueOffsets[v + 1]]</c>; row <c>r</c> holds
/// values <c>RowOffsets[r]..RowOffsets[r + 1]</c>.
/// </summary>
/// <remarks>Rows are appended in order; the buffers grow as needed and are kept by <see cref="Clear"/>.</remarks>
public sealed class BytesListColumn
{
    private byte[] _bytes;
    private int[] _valueOffsets;
    private readonly int[] _rowOffsets;
    private readonly bool[] _present;
    private int _valueCount;

    /// <summary>Creates an empty column.</summary>
    /// <param name="capacity">The number of rows.</param>
    /// <param name="byteCapacity">The number of bytes to reserve room for.</param>
    public BytesListColumn(int capacity, int byteCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(byteCapacity);
        _bytes = byteCapacity == 0 ? [] : new byte[byteCapacity];
        _valueOffsets = new int[capacity + 1];
        _rowOffsets = new int[capacity + 1];
        _present = new bool[capacity];
    }

    /// <summary>The number of rows.</summary>
    public int Capacity => _present.Length;

    /// <summary>The number of rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>All values' bytes, back to back.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _valueOffsets[_valueCount]);

    /// <summary>Offsets into <see cref="Bytes"/>, one per value plus one.</summary>
    public ReadOnlySpan<int> ValueOffsets => _valueOffsets.AsSpan(0, _valueCount + 1);

    /// <summary><see cref="Count"/> + 1 offsets into the values: row <c>r</c> holds values <c>[RowOffsets[r], RowOffsets[r + 1])</c>.</summary>
    public ReadOnlySpan<int> RowOffsets => _rowOffsets.AsSpan(0, Count + 1);

    /// <summary>The number of values in a row.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>The count.</returns>
    public int GetValueCount(int row)
    {
        CheckRow(row);
        return _rowOffsets[row + 1] - _rowOffsets[row];
    }

    /// <summary>One value of a row.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <param name="index">The value's index in the row.</param>
    /// <returns>The value's bytes.</returns>
    public ReadOnlySpan<byte> GetValue(int row, int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)GetValueCount(row), nameof(index));
        int value = _rowOffsets[row] + index;
        return _bytes.AsSpan(_valueOffsets[value], _valueOffsets[value + 1] - _valueOffsets[value]);
    }

    /// <summary>One value of a row, decoded from UTF-8 (allocates the string).</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <param name="index">The value's index in the row.</param>
    /// <returns>The string.</returns>
    public string GetString(int row, int index) => Encoding.UTF8.GetString(GetValue(row, index));

    /// <summary>The values of a row, copied to new arrays.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>The values.</returns>
    public byte[][] GetValues(int row)
    {
        var values = new byte[GetValueCount(row)][];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = GetValue(row, i).ToArray();
        }

        return values;
    }

    /// <summary>The values of a row, decoded from UTF-8.</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>The strings.</returns>
    public string[] GetStrings(int row)
    {
        var values = new string[GetValueCount(row)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = GetString(row, i);
        }

        return values;
    }

    /// <summary>Whether a row had the feature (false when it was missing, for an optional feature).</summary>
    /// <param name="row">A row below <see cref="Count"/>.</param>
    /// <returns>True when present.</returns>
    public bool IsPresent(int row)
    {
        CheckRow(row);
        return _present[row];
    }

    /// <summary>Empties the column, keeping its buffers.</summary>
    public void Clear()
    {
        Count = 0;
        _valueCount = 0;
    }

    /// <summary>Starts a row; add its values with <see cref="AddValue"/>.</summary>
    /// <exception cref="InvalidOperationException">The column is full.</exception>
    public void BeginRow()
    {
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"The column is full: it holds {Capacity} rows.");
        }

        _present[Count] = true;
        _rowOffsets[++Count] = _valueCount;
    }

    /// <summary>Adds a value to the row begun last.</summary>
    /// <param name="value">The value's bytes.</param>
    public void AddValue(ReadOnlySpan<byte> value)
    {
        if (_valueCount + 1 >= _valueOffsets.Length)
        {
            Array.Resize(ref _valueOffsets, _valueOffsets.Length * 2);
        }

        int start = _valueOffsets[_valueCount];
        int end = checked(start + value.Length);
        if (end > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(end, Math.Max(64, _bytes.Length * 2)));
        }

        value.CopyTo(_bytes.AsSpan(start));
        _valueOffsets[++_valueCount] = end;
        _rowOffsets[Count] = _valueCount;
    }

    /// <summary>Appends a row where the feature was missing: no values, not present.</summary>
    /// <exception cref="InvalidOperationException">The column is full.</exception>
    public void AppendMissing()
    {
        BeginRow();
        _present[Count - 1] = false;
    }

    /// <summary>Drops the rows from <paramref name="count"/> on (undoes appends of a record that failed to parse).</summary>
    /// <param name="count">The number of rows to keep, at most <see cref="Count"/>.</param>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Count, nameof(count));
        Count = count;
        _valueCount = _rowOffsets[count];
    }

    private void CheckRow(int row) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
}
