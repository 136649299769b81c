using System.Text;

namespace SchemaGen.Datasets;

/// <summary>
/// The names in a Spark output folder as Spark reads them: which are hidden (Hadoop's <c>hiddenFileFilter</c>, with
/// Spark's exception for <c>_col=value</c> folders), and the Hive-style <c>col=value</c> folders above a file, parsed
/// and unescaped as Spark's partition discovery does (<c>PartitioningUtils.parsePartition</c>).
/// </summary>
internal static class HivePartitionPath
{
    /// <summary>The folder name Hive and Spark give a null partition value.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>
    /// Whether Spark skips a file or folder of this name: <c>_</c>-prefixed (unless it holds <c>=</c>, a partition
    /// column that starts with an underscore), <c>.</c>-prefixed (checksums such as <c>.part-00000….crc</c>), or a copy
    /// in progress (<c>._COPYING_</c>). Also object stores' folder markers (<c>lang=en_$folder$</c>).
    /// </summary>
    public static bool IsHidden(string name) =>
        (name.StartsWith('_') && !name.Contains('=', StringComparison.Ordinal))
        || name.StartsWith('.')
        || name.EndsWith("._COPYING_", StringComparison.Ordinal)
        || name.EndsWith("_$folder$", StringComparison.Ordinal);

    /// <summary>
    /// The partition columns of a file at <paramref name="relativePath"/> (<c>/</c>-separated, under the folder read),
    /// as Spark finds them: from the file's folder upwards, the <c>col=value</c> names up to the first folder that is
    /// not one (folders below the partitions that are not partitions are passed over, as Spark does).
    /// </summary>
    /// <exception cref="InvalidDataException">A folder has an empty column name or an empty value.</exception>
    public static List<(string Name, string RawValue)> Parse(string relativePath, string displayPath)
    {
        string[] segments = relativePath.Split('/');
        var columns = new List<(string Name, string RawValue)>();
        for (int i = segments.Length - 2; i >= 0; i--)
        {
            string segment = segments[i];
            int equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (columns.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (equals == 0 || equals == segment.Length - 1)
            {
                throw new InvalidDataException(
                    $"{displayPath}: the partition folder '{segment}' has an empty column {(equals == 0 ? "name" : "value")}; Spark writes col=value (a null as col={DefaultPartitionName}).");
            }

            columns.Add((Unescape(segment[..equals]), segment[(equals + 1)..]));
        }

        columns.Reverse();
        return columns;
    }

    /// <summary>
    /// Undoes Hive's path escaping as Spark's <c>unescapePathName</c> does: each <c>%</c> followed by two characters
    /// that Java's <c>Integer.parseInt(…, 16)</c> takes as a non-negative number becomes that UTF-16 code unit.
    /// </summary>
    public static string Unescape(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }

        var text = new StringBuilder(escaped.Length);
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length && TryParseJavaHex(escaped[i + 1], escaped[i + 2], out int code))
            {
                text.Append((char)code);
                i += 2;
            }
            else
            {
                text.Append(escaped[i]);
            }
        }

        return text.ToString();
    }

    // Java's parseInt of two characters in base 16: two hex digits, or a sign and one (a minus makes it negative,
    // which Spark leaves escaped, except "-0").
    private static bool TryParseJavaHex(char first, char second, out int code)
    {
        code = -1;
        int low = HexValue(second);
        if (low < 0)
        {
            return false;
        }

        if (first == '+' || (first == '-' && low == 0))
        {
            code = low;
            return true;
        }

        int high = HexValue(first);
        if (high < 0)
        {
            return false;
        }

        code = (high << 4) | low;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
