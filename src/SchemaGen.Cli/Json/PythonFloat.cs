using System.Globalization;

namespace SchemaGen.Cli.Json;

/// <summary>
/// Writes a float32 as protobuf-python's <c>json_format</c> prints it: the value rounded to the fewest significant
/// digits, from 6 up, that read back as the same float32 (<c>type_checkers.ToShortestFloat</c>), then written as
/// Python's <c>repr</c> of that double (<c>1.0</c>, <c>0.0001</c>, <c>1e-05</c>, <c>1e+16</c>).
/// </summary>
/// <remarks>
/// Starting at 6 digits is not "shortest": the smallest subnormal prints as <c>1.4013e-45</c>, not <c>1e-45</c>.
/// </remarks>
internal static class PythonFloat
{
    /// <summary>Longest text written: sign, 16 integer digits, ".0".</summary>
    public const int MaxLength = 24;

    // E{p-1} gives p significant digits, correctly rounded; 9 digits always round-trip a float32.
    private static readonly string[] SignificantDigitFormats = ["E5", "E6", "E7", "E8"];

    public static string Format(float value)
    {
        Span<char> text = stackalloc char[MaxLength];
        return new string(text[..Format(value, text)]);
    }

    /// <summary>Writes <paramref name="value"/> (finite) into <paramref name="destination"/>; returns the length.</summary>
    public static int Format(float value, Span<char> destination)
    {
        if (!float.IsFinite(value))
        {
            // The JSON mapping writes these as the strings "NaN", "Infinity", "-Infinity", never as numbers.
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers are finite.");
        }

        Span<char> scientific = stackalloc char[32];
        var length = 0;
        foreach (var format in SignificantDigitFormats)
        {
            ((double)value).TryFormat(scientific, out length, format, CultureInfo.InvariantCulture);
            if ((float)double.Parse(scientific[..length], NumberStyles.Float, CultureInfo.InvariantCulture) == value)
            {
                break;
            }
        }

        return WriteRepr(scientific[..length], destination);
    }

    /// <summary>Rewrites .NET's <c>-d.dddE+xxx</c> as Python's <c>repr</c> of the same decimal.</summary>
    private static int WriteRepr(ReadOnlySpan<char> scientific, Span<char> destination)
    {
        var written = 0;
        if (scientific[0] == '-')
        {
            destination[written++] = '-';
            scientific = scientific[1..];
        }

        var e = scientific.IndexOf('E');
        var exponent = int.Parse(scientific[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[16];
        digits[0] = scientific[0];
        var digitCount = 1;
        if (e > 1)
        {
            scientific[2..e].CopyTo(digits[1..]);
            digitCount = e - 1;
        }

        while (digitCount > 1 && digits[digitCount - 1] == '0')
        {
            digitCount--;
        }

        digits = digits[..digitCount];

        // Python's float_repr_style 'short': exponent form when the decimal point lies outside (-4, 16].
        var decimalPoint = exponent + 1;
        if (decimalPoint is <= -4 or > 16)
        {
            destination[written++] = digits[0];
            if (digitCount > 1)
            {
                destination[written++] = '.';
                digits[1..].CopyTo(destination[written..]);
                written += digitCount - 1;
            }

            destination[written++] = 'e';
            destination[written++] = exponent < 0 ? '-' : '+';
            Math.Abs(exponent).TryFormat(destination[written..], out var exponentLength, "00", CultureInfo.InvariantCulture);
            return written + exponentLength;
        }

        if (decimalPoint <= 0)
        {
            "0.".CopyTo(destination[written..]);
            written += 2;
            destination.Slice(written, -decimalPoint).Fill('0');
            written += -decimalPoint;
            digits.CopyTo(destination[written..]);
            return written + digitCount;
        }

        if (decimalPoint >= digitCount)
        {
            digits.CopyTo(destination[written..]);
            written += digitCount;
            destination.Slice(written, decimalPoint - digitCount).Fill('0');
            written += decimalPoint - digitCount;
            ".0".CopyTo(destination[written..]);
            return written + 2;
        }

        digits[..decimalPoint].CopyTo(destination[written..]);
        written += decimalPoint;
        destination[written++] = '.';
        digits[decimalPoint..].CopyTo(destination[written..]);
        return written + digitCount - decimalPoint;
    }
}
