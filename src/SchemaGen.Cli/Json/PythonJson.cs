using System.Globalization;

namespace SchemaGen.Cli.Json;

/// <summary>
/// Rewrites the canonical protobuf JSON that Google.Protobuf's <c>JsonFormatter</c> prints into the exact text of
/// Python's <c>json_format.MessageToJson(message, indent=None)</c>: <c>json.dumps</c> separators <c>", "</c> and
/// <c>": "</c>, nothing inside brackets, <c>ensure_ascii</c> escapes, and numbers as protobuf-python prints float32.
/// </summary>
/// <remarks>
/// Every JSON number is taken to be a float32. That holds for <c>tensorflow.Example</c> and <c>SequenceExample</c>,
/// whose only numbers are <c>FloatList</c> values (int64 values are JSON strings). Object members keep their order.
/// </remarks>
internal static class PythonJson
{
    public static string Format(string protobufJson)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(protobufJson, text);
        return text.ToString();
    }

    /// <summary>Writes <paramref name="protobufJson"/> (valid JSON) to <paramref name="output"/> in Python's form.</summary>
    /// <exception cref="FormatException">The input is not JSON of the shape this method expects.</exception>
    public static void Write(ReadOnlySpan<char> protobufJson, TextWriter output)
    {
        var json = protobufJson;
        var i = 0;
        while (i < json.Length)
        {
            var c = json[i];
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    i++;
                    break;
                case '{' or '}' or '[' or ']':
                    output.Write(c);
                    i++;
                    break;
                case ',':
                    output.Write(", ");
                    i++;
                    break;
                case ':':
                    output.Write(": ");
                    i++;
                    break;
                case '"':
                    i = WriteString(json, i, output);
                    break;
                case 't' or 'f' or 'n':
                    i = WriteLiteral(json, i, output);
                    break;
                default:
                    i = WriteNumber(json, i, output);
                    break;
            }
        }
    }

    private static int WriteString(ReadOnlySpan<char> json, int start, TextWriter output)
    {
        output.Write('"');
        var i = start + 1;
        while (true)
        {
            // Base64 and plain ASCII names go through in one piece.
            var run = json[i..].IndexOfAnyExceptInRange(' ', '~');
            var end = run < 0 ? json.Length : i + run;
            var quote = json[i..end].IndexOfAny('"', '\\');
            if (quote >= 0)
            {
                end = i + quote;
            }

            output.Write(json[i..end]);
            if (end >= json.Length)
            {
                throw new FormatException($"Unterminated string at {start}.");
            }

            var c = json[end];
            if (c == '"')
            {
                output.Write('"');
                return end + 1;
            }

            i = end + 1;
            if (c == '\\')
            {
                (c, i) = ReadEscape(json, end);
            }

            WriteEscaped(c, output);
        }
    }

    private static (char Value, int Next) ReadEscape(ReadOnlySpan<char> json, int backslash)
    {
        if (backslash + 1 >= json.Length)
        {
            throw new FormatException($"Unterminated escape at {backslash}.");
        }

        var c = json[backslash + 1];
        if (c == 'u')
        {
            if (backslash + 6 > json.Length
                || !ushort.TryParse(json.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"Bad \\u escape at {backslash}.");
            }

            return ((char)code, backslash + 6);
        }

        var value = c switch
        {
            '"' or '\\' or '/' => c,
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => throw new FormatException($"Bad escape '\\{c}' at {backslash}."),
        };
        return (value, backslash + 2);
    }

    // Python's json ESCAPE_ASCII: everything outside ' '..'~' as \uXXXX (UTF-16 units, so surrogate pairs stay pairs).
    private static void WriteEscaped(char c, TextWriter output)
    {
        switch (c)
        {
            case '"': output.Write("\\\""); break;
            case '\\': output.Write("\\\\"); break;
            case '\b': output.Write("\\b"); break;
            case '\f': output.Write("\\f"); break;
            case '\n': output.Write("\\n"); break;
            case '\r': output.Write("\\r"); break;
            case '\t': output.Write("\\t"); break;
            case >= ' ' and <= '~': output.Write(c); break;
            default:
                Span<char> escape = ['\\', 'u', '\0', '\0', '\0', '\0'];
                ((ushort)c).TryFormat(escape[2..], out _, "x4", CultureInfo.InvariantCulture);
                output.Write(escape);
                break;
        }
    }

    private static int WriteLiteral(ReadOnlySpan<char> json, int start, TextWriter output)
    {
        foreach (var literal in (ReadOnlySpan<string>)["true", "false", "null"])
        {
            if (json[start..].StartsWith(literal, StringComparison.Ordinal))
            {
                output.Write(literal);
                return start + literal.Length;
            }
        }

        throw new FormatException($"Unexpected '{json[start]}' at {start}.");
    }

    private static int WriteNumber(ReadOnlySpan<char> json, int start, TextWriter output)
    {
        var end = start;
        while (end < json.Length && json[end] is (>= '0' and <= '9') or '-' or '+' or '.' or 'e' or 'E')
        {
            end++;
        }

        if (end == start
            || !float.TryParse(json[start..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !float.IsFinite(value))
        {
            throw new FormatException($"Unexpected '{json[start]}' at {start}: not a float32 number.");
        }

        Span<char> text = stackalloc char[PythonFloat.MaxLength];
        output.Write(text[..PythonFloat.Format(value, text)]);
        return end;
    }
}
