using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SchemaGen.Datasets;

/// <summary>
/// The partition values of a dataset's files as features: each column typed across all its folders as Spark's
/// partition discovery types it, and each file's values encoded once as a serialized <c>features</c> field
/// (Example.features, SequenceExample.context) that is appended to the file's records. Protobuf merges a repeated
/// message field, so the record then parses as if the features had been written into it.
/// </summary>
internal sealed class PartitionFeatures
{
    private readonly Dictionary<string, byte[]> _suffixes;

    private PartitionFeatures(IReadOnlyList<string> columns, Dictionary<string, byte[]> suffixes)
    {
        Columns = columns;
        _suffixes = suffixes;
        Utf8Columns = [.. columns.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>The partition columns, in folder order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The column names in UTF-8, for comparing with a record's keys.</summary>
    public byte[][] Utf8Columns { get; }

    /// <summary>The serialized features field for <paramref name="path"/>, or null for a file outside any partition.</summary>
    public byte[]? SuffixFor(string path) => _suffixes.GetValueOrDefault(path);

    /// <summary>Types each column across all files and encodes each file's values.</summary>
    /// <param name="partitions">Each partitioned file's columns and raw (escaped) folder values.</param>
    public static PartitionFeatures? Build(IReadOnlyDictionary<string, List<(string Name, string RawValue)>> partitions)
    {
        var columns = new List<string>();
        var types = new Dictionary<string, PartitionValueType>(StringComparer.Ordinal);
        foreach (var (_, values) in partitions.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            foreach (var (name, raw) in values)
            {
                var type = PartitionValueParser.Infer(raw);
                if (types.TryGetValue(name, out var seen))
                {
                    types[name] = PartitionValueParser.Widen(seen, type);
                }
                else
                {
                    types[name] = type;
                    columns.Add(name);
                }
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var suffixes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, values) in partitions)
        {
            suffixes[path] = Encode(values, types);
        }

        return new PartitionFeatures(columns, suffixes);
    }

    // Example.features (field 1) holding one map entry per non-null value, in folder order.
    private static byte[] Encode(List<(string Name, string RawValue)> values, Dictionary<string, PartitionValueType> types)
    {
        var features = new MemoryStream();
        foreach (var (name, raw) in values)
        {
            var type = types[name];
            if (raw == HivePartitionPath.DefaultPartitionName || type == PartitionValueType.Null)
            {
                continue;
            }

            var entry = new MemoryStream();
            WriteDelimited(entry, 1, Encoding.UTF8.GetBytes(name));
            WriteDelimited(entry, 2, FeatureBytes(type, raw));
            WriteDelimited(features, 1, entry.ToArray());
        }

        var suffix = new MemoryStream();
        WriteDelimited(suffix, 1, features.ToArray());
        return suffix.ToArray();
    }

    // Feature { bytes_list = 1 | float_list = 2 | int64_list = 3 }, each list's values packed (field 1).
    private static byte[] FeatureBytes(PartitionValueType type, string raw)
    {
        var list = new MemoryStream();
        switch (type)
        {
            case PartitionValueType.Integer:
                var varint = new MemoryStream();
                WriteVarint(varint, (ulong)long.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                WriteDelimited(list, 1, varint.ToArray());
                return Delimited(3, list.ToArray());
            case PartitionValueType.Decimal or PartitionValueType.Double:
                var packed = new byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(packed, ToFloat(type, raw));
                WriteDelimited(list, 1, packed);
                return Delimited(2, list.ToArray());
            default:
                WriteDelimited(list, 1, Encoding.UTF8.GetBytes(HivePartitionPath.Unescape(raw)));
                return Delimited(1, list.ToArray());
        }
    }

    // spark-tfrecord's value.toFloat: a decimal's text rounded once to float; a double (or a whole number in a
    // double column) parsed as a double, then narrowed.
    private static float ToFloat(PartitionValueType columnType, string raw) =>
        columnType == PartitionValueType.Decimal
            ? float.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)
            : PartitionValueParser.TryParseJavaDouble(raw, out double value)
                ? (float)value
                : throw new InvalidDataException($"Partition value '{raw}' is not a number.");

    private static byte[] Delimited(int field, byte[] content)
    {
        var stream = new MemoryStream();
        WriteDelimited(stream, field, content);
        return stream.ToArray();
    }

    private static void WriteDelimited(MemoryStream stream, int field, byte[] content)
    {
        WriteVarint(stream, (ulong)((field << 3) | 2));
        WriteVarint(stream, (ulong)content.Length);
        stream.Write(content);
    }

    private static void WriteVarint(MemoryStream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
