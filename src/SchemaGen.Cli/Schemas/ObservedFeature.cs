using System.Text.Unicode;
using SchemaGen.Cli.Images;
using SchemaGen.Examples;

namespace SchemaGen.Cli.Schemas;

/// <summary>What the records showed of one key: its list kind, how many values it held, in how many records.</summary>
/// <remarks>For a feature list the counts are per step; a step with no kind counts as holding no values.</remarks>
internal sealed class ObservedFeature(string key)
{
    private RecordPosition _kindSeenAt;

    public string Key { get; } = key;

    /// <summary>The list kind, <see cref="FeatureKind.None"/> until a value is seen.</summary>
    public FeatureKind Kind { get; private set; }

    /// <summary>The records that hold the feature (a feature with no kind counts as missing, as in TensorFlow).</summary>
    public long Records { get; private set; }

    /// <summary>The fewest values a record (a step, for a feature list) held; <see cref="int.MaxValue"/> before any.</summary>
    public int MinCount { get; private set; } = int.MaxValue;

    /// <summary>The most values a record (a step, for a feature list) held; -1 before any.</summary>
    public int MaxCount { get; private set; } = -1;

    /// <summary>True while every bytes value seen is text: valid UTF-8 without control characters other than tab, CR, LF.</summary>
    public bool AllText { get; private set; } = true;

    /// <summary>True while every non-empty bytes value seen starts like an image file (<see cref="ImageLayouts.SniffFormat"/>).</summary>
    public bool AllImages { get; private set; } = true;

    /// <summary>The image formats of the bytes values, by their first bytes.</summary>
    public SortedSet<string> ImageFormats { get; } = new(StringComparer.Ordinal);

    /// <summary>The bytes values of no bytes at all.</summary>
    public long EmptyValues { get; private set; }

    /// <summary>Takes in a feature of a record (with no kind: missing, so only the key is noted).</summary>
    public void Observe(FeatureReader feature, RecordPosition where)
    {
        if (feature.Kind != FeatureKind.None)
        {
            Records++;
            ObserveValues(feature, where);
        }
    }

    /// <summary>Takes in a feature list of a record: present, with each step's values.</summary>
    public void Observe(FeatureListReader featureList, RecordPosition where)
    {
        Records++;
        foreach (FeatureReader step in featureList)
        {
            ObserveValues(step, where);
        }
    }

    private void ObserveValues(FeatureReader feature, RecordPosition where)
    {
        if (feature.Kind != FeatureKind.None)
        {
            if (Kind == FeatureKind.None)
            {
                Kind = feature.Kind;
                _kindSeenAt = where;
            }
            else if (feature.Kind != Kind)
            {
                throw new CliException(
                    $"{where}: \"{Key}\" holds {ListName(feature.Kind)}, but {(_kindSeenAt.File == where.File ? $"record {_kindSeenAt.Index}" : _kindSeenAt.ToString())} holds {ListName(Kind)}: no schema parses both.");
            }

            if (Kind == FeatureKind.BytesList && (AllText || AllImages))
            {
                foreach (ReadOnlySpan<byte> value in feature.EnumerateBytes())
                {
                    AllText &= IsText(value);
                    ObserveImage(value);
                }
            }
        }

        MinCount = Math.Min(MinCount, feature.Count);
        MaxCount = Math.Max(MaxCount, feature.Count);
    }

    private void ObserveImage(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            EmptyValues++;
        }
        else if (AllImages && ImageLayouts.SniffFormat(value) is string format)
        {
            ImageFormats.Add(format);
        }
        else
        {
            AllImages = false;
        }
    }

    private static bool IsText(ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
        {
            if (b is < 0x20 and not ((byte)'\t' or (byte)'\n' or (byte)'\r') or 0x7F)
            {
                return false;
            }
        }

        return Utf8.IsValid(value);
    }

    private static string ListName(FeatureKind kind) => kind switch
    {
        FeatureKind.BytesList => "a bytes_list",
        FeatureKind.FloatList => "a float_list",
        _ => "an int64_list",
    };
}
