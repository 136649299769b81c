using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// Makes a name that comes from data (a class name, a feature value, an archive member's name) into one file or
/// folder name that stays inside the folder it is put in, the same on every platform. Characters that separate,
/// climb or mean something to a file system are percent-escaped as their UTF-8 bytes (<c>%2F</c>), and so is
/// <c>%</c> itself, so distinct names stay distinct: <c>..</c> becomes <c>.%2E</c>, <c>a/b</c> becomes <c>a%2Fb</c>,
/// an absolute path loses its separators, Windows' reserved names (<c>CON</c>, <c>NUL</c>, <c>COM1</c>, …) and
/// trailing dots and spaces are escaped, the empty name becomes <c>%</c>.
/// </summary>
internal static class SafeFileName
{
    // Most file systems take 255 bytes; past this the name is cut and a hash of the whole keeps it distinct.
    private const int MaxUtf8Length = 200;

    private static readonly string[] ReservedNames =
    [
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    ];

    /// <summary>The escaped name: one path segment, never <c>.</c>, <c>..</c>, empty, rooted or reserved.</summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "%";
        }

        var escaped = new StringBuilder(name.Length);
        foreach (Rune rune in name.EnumerateRunes())
        {
            if (NeedsEscape(rune))
            {
                AppendEscaped(escaped, rune);
            }
            else
            {
                escaped.Append(rune.ToString());
            }
        }

        // Windows drops trailing dots and spaces ("a." is "a"), and "." and ".." climb: escape the last one.
        if (escaped[^1] is '.' or ' ')
        {
            char last = escaped[^1];
            escaped.Length--;
            AppendEscaped(escaped, new Rune(last));
        }

        // CON, CON.txt, con .png: Windows opens the device whatever follows the stem; escape the stem's first letter.
        string result = escaped.ToString();
        int stemEnd = result.IndexOfAny(['.', ' ']);
        string stem = stemEnd < 0 ? result : result[..stemEnd];
        if (ReservedNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            var withEscape = new StringBuilder();
            AppendEscaped(withEscape, new Rune(result[0]));
            result = withEscape.Append(result, 1, result.Length - 1).ToString();
        }

        return Encoding.UTF8.GetByteCount(result) <= MaxUtf8Length ? result : Shortened(result);
    }

    /// <summary><paramref name="name"/> escaped as one segment under <paramref name="folder"/>, checked to stay inside it.</summary>
    public static string Under(string folder, string name)
    {
        string root = Path.GetFullPath(folder);
        string path = Path.GetFullPath(Path.Combine(root, Escape(name)));
        string parent = Path.GetDirectoryName(path) ?? "";
        return string.Equals(parent, Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"'{name}' does not stay inside {folder}.");
    }

    private static bool NeedsEscape(Rune rune) =>
        rune.Value < 0x20 || rune.Value == 0x7F || (rune.Value >= 0x80 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
        || rune.Value is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '%';

    private static void AppendEscaped(StringBuilder builder, Rune rune)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int length = rune.EncodeToUtf8(utf8);
        foreach (byte b in utf8[..length])
        {
            builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    private static string Shortened(string name)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
        var cut = new StringBuilder();
        int bytes = 0;
        foreach (Rune rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxUtf8Length - hash.Length - 1)
            {
                break;
            }

            cut.Append(rune.ToString());
        }

        // The cut never ends in a dot or space: '~' and the hash follow.
        return cut.Append('~').Append(hash).ToString();
    }
}
