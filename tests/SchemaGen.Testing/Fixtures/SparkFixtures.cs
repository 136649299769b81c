using System.Globalization;
using System.Text.Json;

namespace SchemaGen.Testing.Fixtures;

/// <summary>
/// The Spark output folders under tests/data/spark (build/make-spark-fixtures.py) and what the script says each
/// holds: its part files in sorted order, its partition columns, and every record's values as one line of text.
/// </summary>
public static class SparkFixtures
{
    public static string Folder(string name) => Repository.Path($"tests/data/spark/{name}");

    /// <summary>Every file the folder holds as Spark left it, hidden ones included: its path and its path relative to the folder, with '/'.</summary>
    public static IEnumerable<(string Path, string Relative)> Contents(string name)
    {
        string folder = Folder(name);

        // The SearchOption overload skips no attributes, so the '.'-prefixed .crc files come too.
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (path, Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/')));
    }

    /// <summary>The part files, relative to the folder, in sorted order.</summary>
    public static string[] Files(string name) => [.. Expected(name).GetProperty("files").EnumerateArray().Select(file => file.GetString()!)];

    /// <summary>The partition columns, in folder order.</summary>
    public static string[] Columns(string name) => [.. Expected(name).GetProperty("columns").EnumerateArray().Select(column => column.GetString()!)];

    /// <summary>
    /// Every record in file order as <c>key=value</c> pairs joined by <c>|</c> over <paramref name="keys"/>: lists as
    /// <c>[a,b]</c>, floats in round-trip form, a missing or null value as <c>-</c>.
    /// </summary>
    public static string[] Records(string name, params string[] keys) =>
        [.. Expected(name).GetProperty("records").EnumerateArray().Select(record => Line(keys.Select(key =>
            record.TryGetProperty(key, out var value) ? Text(value) : null)))];

    /// <summary>One record as <see cref="Records"/> writes it, from its values in the same order as the keys.</summary>
    public static string Line(IEnumerable<object?> values) => string.Join("|", values.Select(Text));

    private static JsonElement Expected(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Repository.Path("tests/data/spark/expected.json")));
        return json.RootElement.GetProperty(name).Clone();
    }

    private static string Text(object? value) => value switch
    {
        null => "-",
        JsonElement { ValueKind: JsonValueKind.Null } => "-",
        JsonElement { ValueKind: JsonValueKind.String } text => text.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Array } list => "[" + string.Join(",", list.EnumerateArray().Select(item => Text(item))) + "]",
        JsonElement { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out long whole) && !number.GetRawText().Contains('.') && !number.GetRawText().Contains('e') => whole.ToString(CultureInfo.InvariantCulture),
        JsonElement number when number.ValueKind == JsonValueKind.Number => ((float)number.GetDouble()).ToString("R", CultureInfo.InvariantCulture),
        float single => single.ToString("R", CultureInfo.InvariantCulture),
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        string text => text,
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Text)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
