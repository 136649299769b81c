using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SchemaGen.Conversion.Output;

/// <summary>
/// What one job of a sharded conversion wrote: <c>_job-00003-of-00008.json</c> beside its shards, holding the files
/// it wrote with their lengths and the exact dataset_info.json text every job computes. <see cref="Converter.Finalize"/>
/// checks the manifests of all jobs against each other and against the files, then writes dataset_info.json once.
/// The leading underscore keeps it out of globs of data files, as Spark's and Hadoop's <c>_SUCCESS</c> is.
/// </summary>
internal sealed partial record JobManifest(int JobIndex, int JobCount, IReadOnlyList<(string Name, long Length)> Files, string DatasetInfo)
{
    public static string FileName(int jobIndex, int jobCount) =>
        string.Create(CultureInfo.InvariantCulture, $"_job-{jobIndex:D5}-of-{jobCount:D5}.json");

    /// <summary>Parses a manifest's file name: the job's index and the job count, or null for another file.</summary>
    public static (int Index, int Count)? ParseFileName(string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        return match.Success
            ? (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture))
            : null;
    }

    public byte[] Write()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("job_index", JobIndex);
            json.WriteNumber("job_count", JobCount);
            json.WriteStartArray("files");
            foreach (var (name, length) in Files)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteNumber("length", length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            // As a string, so finalize writes exactly the bytes a single run writes.
            json.WriteString("dataset_info", DatasetInfo);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The file is not a job manifest.</exception>
    public static JobManifest Read(byte[] bytes, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var files = new List<(string, long)>();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                files.Add((file.GetProperty("name").GetString()!, file.GetProperty("length").GetInt64()));
            }

            return new JobManifest(root.GetProperty("job_index").GetInt32(), root.GetProperty("job_count").GetInt32(), files,
                root.GetProperty("dataset_info").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: not a SchemaGen job manifest ({e.Message})", e);
        }
    }

    /// <summary>The shard files dataset_info.json lists, split by split.</summary>
    public IReadOnlyList<string> ShardsListed()
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(DatasetInfo));
        return document.RootElement.GetProperty("splits").EnumerateArray()
            .SelectMany(split => split.GetProperty("shards").EnumerateArray().Select(shard => shard.GetProperty("file").GetString()!))
            .ToList();
    }

    [GeneratedRegex(@"^_job-(\d{5,})-of-(\d{5,})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
