using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// Checks hyperparameter values (bool, string or a number, as the hparams plugin takes) and derives a trial's
/// group name as summary_v2.py does without a trial id: the SHA-256 hex digest of
/// <c>json.dumps(hparams, sort_keys=True, separators=(",", ":"))</c>.
/// </summary>
internal static class HparamValues
{
    public static List<KeyValuePair<string, object>> Sorted(IReadOnlyDictionary<string, object> hparams)
    {
        var sorted = new List<KeyValuePair<string, object>>(hparams);
        foreach (var (name, value) in sorted)
        {
            if (value is not (bool or string or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal))
            {
                throw new ArgumentException($"Hyperparameter '{name}' is a {value?.GetType().Name ?? "null"}; the hparams plugin takes a bool, a string or a number.", nameof(hparams));
            }
        }

        // Python sorts str keys by code point; ordinal UTF-16 order agrees outside the surrogate range.
        sorted.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return sorted;
    }

    public static double ToDouble(object value) => value switch
    {
        float f => f,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static string GroupName(IReadOnlyList<KeyValuePair<string, object>> sorted)
    {
        var json = new StringBuilder("{");
        for (int i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            AppendString(json, sorted[i].Key);
            json.Append(':');
            AppendValue(json, sorted[i].Value);
        }

        json.Append('}');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString()))).ToLowerInvariant();
    }

    private static void AppendValue(StringBuilder json, object value)
    {
        switch (value)
        {
            case bool b:
                json.Append(b ? "true" : "false");
                break;
            case string s:
                AppendString(json, s);
                break;
            case float or double or decimal:
                json.Append(PythonFloat(ToDouble(value)));
                break;
            default:
                json.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    // Python's float repr: the shortest round-trip digits (as "R" gives them), positional for decimal exponents in
    // [-4, 16), else d.ddde+XX; an integral value keeps ".0".
    private static string PythonFloat(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        string mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;
        int scientific = point - 1;
        string sign = value < 0 ? "-" : "";
        if (scientific < -4 || scientific >= 16)
        {
            string fraction = digits.Length > 1 ? "." + digits[1..] : "";
            return $"{sign}{digits[0]}{fraction}e{(scientific < 0 ? "-" : "+")}{Math.Abs(scientific):D2}";
        }

        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }

        return point >= digits.Length
            ? $"{sign}{digits}{new string('0', point - digits.Length)}.0"
            : $"{sign}{digits[..point]}.{digits[point..]}";
    }

    private static void AppendString(StringBuilder json, string s)
    {
        json.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    // ensure_ascii: everything outside printable ASCII as \uXXXX of its UTF-16 units.
                    if (c < 0x20 || c > 0x7E)
                    {
                        json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }
}
