using System.Globalization;
using System.Text.RegularExpressions;

namespace SchemaGen.Datasets;

/// <summary>
/// Spark's partition value inference (<c>PartitioningUtils.inferPartitionColumnValue</c>) for the types a TFRecord
/// feature can tell apart: Java's <c>Integer.parseInt</c>/<c>Long.parseLong</c>, then a <c>BigDecimal</c> without
/// fraction, then <c>Double.parseDouble</c>, else text; and the widening of a column's types across folders.
/// </summary>
internal static partial class PartitionValueParser
{
    private const int MaxDecimalPrecision = 38;

    public static PartitionValueType Infer(string raw)
    {
        if (raw == HivePartitionPath.DefaultPartitionName)
        {
            return PartitionValueType.Null;
        }

        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return PartitionValueType.Integer;
        }

        if (IsWholeDecimal(raw))
        {
            return PartitionValueType.Decimal;
        }

        return TryParseJavaDouble(raw, out _) ? PartitionValueType.Double : PartitionValueType.Text;
    }

    /// <summary>Spark's wider type of two (numbers widen to numbers, anything else with a number to text).</summary>
    public static PartitionValueType Widen(PartitionValueType a, PartitionValueType b) =>
        a == PartitionValueType.Null ? b
        : b == PartitionValueType.Null ? a
        : a == PartitionValueType.Text || b == PartitionValueType.Text ? PartitionValueType.Text
        : (PartitionValueType)Math.Max((int)a, (int)b);

    /// <summary>
    /// Java's <c>Double.parseDouble</c> for decimal text: surrounding control characters and spaces trimmed, an
    /// optional sign, <c>NaN</c> or <c>Infinity</c> or a decimal number with optional exponent and an optional
    /// <c>f</c>/<c>d</c> suffix. (Java's hexadecimal floats are taken for text.)
    /// </summary>
    public static bool TryParseJavaDouble(string raw, out double value)
    {
        value = 0;
        string text = raw.Trim(TrimmedByJava());
        var match = JavaDouble().Match(text);
        if (!match.Success)
        {
            return false;
        }

        bool negative = text.StartsWith('-');
        string body = match.Groups["body"].Value;
        value = body switch
        {
            "NaN" => double.NaN,
            "Infinity" => negative ? double.NegativeInfinity : double.PositiveInfinity,
            _ => double.Parse((negative ? "-" : "") + body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        };
        return true;
    }

    // Java's BigDecimal(String) with scale 0 (Spark refuses a negative scale and a fraction) and at most 38 digits.
    private static bool IsWholeDecimal(string raw)
    {
        var match = JavaBigDecimal().Match(raw);
        if (!match.Success)
        {
            return false;
        }

        string whole = match.Groups["whole"].Value;
        string fraction = match.Groups["fraction"].Value;
        int exponent = 0;
        if (whole.Length + fraction.Length == 0
            || (match.Groups["exponent"].Success
                && !int.TryParse(match.Groups["exponent"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)))
        {
            return false;
        }

        return fraction.Length == exponent && (whole + fraction).TrimStart('0').Length <= MaxDecimalPrecision;
    }

    private static char[] TrimmedByJava() => [.. Enumerable.Range(0, 33).Select(c => (char)c)];

    [GeneratedRegex(@"^[+-]?(?:(?<body>NaN|Infinity)|(?<body>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[fFdD]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaDouble();

    [GeneratedRegex(@"^[+-]?(?<whole>[0-9]*)(?:\.(?<fraction>[0-9]*))?(?:[eE](?<exponent>[+-]?[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaBigDecimal();
}
