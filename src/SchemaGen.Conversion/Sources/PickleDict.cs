using System.Collections;
using System.Text;
using SchemaGen.Conversion.Pickle;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// A dict from a CIFAR pickle. Python 2 wrote its keys as byte strings (read as <see cref="string"/>), Python 3 as
/// <c>str</c> or, re-pickled from Python 2 data, as <c>bytes</c>; lookups accept all three.
/// </summary>
internal sealed class PickleDict
{
    private readonly IDictionary _items;
    private readonly string _source;

    public PickleDict(object? value, string source)
    {
        _items = value as IDictionary ?? throw new DatasetFormatException(source, $"expected a pickled dict, found {NumpyValues.Describe(value)}");
        _source = source;
    }

    public bool TryGet(string key, out object? value)
    {
        foreach (DictionaryEntry entry in _items)
        {
            if ((entry.Key is string text && text == key)
                || (entry.Key is byte[] bytes && bytes.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(key))))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public object? Get(string key) =>
        TryGet(key, out object? value) ? value : throw new DatasetFormatException(_source, $"the dict has no '{key}' key");

    /// <summary>A list of integers: a Python list, or a 1-D numpy integer array.</summary>
    public int[] GetIntegers(string key, int min, int max)
    {
        object? value = Get(key);
        try
        {
            int[] result;
            if (value is IList list)
            {
                result = new int[list.Count];
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = CheckRange(NumpyValues.ToInt64(list[i]), key, i, min, max);
                }
            }
            else if (value is NumpyArray { Shape.Length: 1 } array)
            {
                result = new int[array.Shape[0]];
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = CheckRange(array.GetInt64(i), key, i, min, max);
                }
            }
            else
            {
                throw new DatasetFormatException(_source, $"'{key}' is {NumpyValues.Describe(value)}; expected a list of integers");
            }

            return result;
        }
        catch (PickleDataException e)
        {
            throw new DatasetFormatException(_source, $"'{key}': {e.Message}", e);
        }
    }

    /// <summary>A list of strings (Python 2 <c>str</c>, Python 3 <c>str</c> or UTF-8 <c>bytes</c>).</summary>
    public string[] GetStrings(string key)
    {
        object? value = Get(key);
        if (value is not IList list)
        {
            throw new DatasetFormatException(_source, $"'{key}' is {NumpyValues.Describe(value)}; expected a list of strings");
        }

        var result = new string[list.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = list[i] switch
            {
                string text => text,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                PickleBuffer { IsPython2String: true } buffer => Encoding.Latin1.GetString(buffer.Bytes.Span),
                PickleBuffer buffer => Encoding.UTF8.GetString(buffer.Bytes.Span),
                var other => throw new DatasetFormatException(_source, $"'{key}'[{i}] is {NumpyValues.Describe(other)}; expected a string"),
            };
        }

        return result;
    }

    private int CheckRange(long value, string key, int index, int min, int max) =>
        value >= min && value <= max
            ? (int)value
            : throw new DatasetFormatException(_source, $"'{key}'[{index}] is {value}, outside {min}..{max}");
}
