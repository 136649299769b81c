using System.Reflection;
using System.Text.Json;
using SchemaGen.Conversion.Sources;
using SchemaGen.Schema;

namespace SchemaGen.Conversion.Output;

/// <summary>
/// Writes dataset_info.json: what a reader needs to parse the shards (feature spec, class names, shard names and
/// record counts) and where they came from (source sha256s, options, SchemaGen version). Nothing in it depends on
/// the time or on which shards this job wrote, so every job of a sharded run writes the same bytes.
/// </summary>
/// <remarks>
/// <c>"schema"</c> is the features as <c>tf.io</c> parses them, in <see cref="ExampleSchema.ToJson"/>'s form (read it
/// back with <see cref="ExampleSchema.FromJson"/>); <c>"images"</c> says per image feature how its bytes decode
/// (<c>"encoding"</c>: raw | png | jpeg, <c>"shape"</c>: [H, W, 3] or null when sizes vary, <c>"pixel_order"</c>);
/// <c>"class_names"</c> names each label feature's classes.
/// </remarks>
internal static class DatasetInfoWriter
{
    public const string FileName = "dataset_info.json";

    public static string Version { get; } =
        typeof(DatasetInfoWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(DatasetInfoWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static byte[] Write(DatasetInfo info)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", info.Name);
            json.WriteString("source_format", info.SourceFormat);
            json.WriteString("schemagen_version", Version);

            // Through a document rather than as raw text, so the schema is indented as part of this file.
            json.WritePropertyName("schema");
            using (var schema = JsonDocument.Parse(info.Schema.ToJson()))
            {
                schema.RootElement.WriteTo(json);
            }

            json.WriteStartObject("images");
            foreach (var image in info.Images)
            {
                json.WriteStartObject(image.Key);
                json.WriteString("encoding", image.Encoding);
                if (image.Shape is not null)
                {
                    WriteInts(json, "shape", image.Shape);
                }
                else
                {
                    json.WriteNull("shape");
                }

                json.WriteString("pixel_order", image.PixelOrder);
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("class_names");
            foreach (var (feature, names) in info.ClassNames)
            {
                json.WriteStartArray(feature);
                foreach (string name in names)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();

            json.WriteStartArray("splits");
            foreach (var split in info.Splits)
            {
                json.WriteStartObject();
                json.WriteString("name", split.Name);
                json.WriteNumber("num_records", split.Records);
                json.WriteStartArray("shards");
                for (int i = 0; i < info.Options.Shards; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("file", ShardNaming.FileName(split.Name, i, info.Options.Shards));
                    json.WriteNumber("records", ShardNaming.Range(split.Records, i, info.Options.Shards).Length);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("options");
            json.WriteString("compression", info.Options.Compression switch
            {
                TfRecordCompression.Gzip => "GZIP",
                TfRecordCompression.Zlib => "ZLIB",
                _ => "",
            });
            if (info.Options.Seed is { } seed)
            {
                json.WriteNumber("shuffle_seed", seed);
            }
            else
            {
                json.WriteNull("shuffle_seed");
            }

            json.WriteBoolean("index", info.Options.WriteIndex);
            json.WriteEndObject();

            WritePairs(json, "sources", "path", "sha256", info.Sources.Select(source => (source.Path, source.Sha256)));
            WritePairs(json, "skipped_files", "path", "reason", info.Skipped.Select(skipped => (skipped.Path, skipped.Reason)));
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // An array of objects of two string members, such as the sources' paths and digests.
    private static void WritePairs(Utf8JsonWriter json, string name, string first, string second, IEnumerable<(string, string)> pairs)
    {
        json.WriteStartArray(name);
        foreach (var (a, b) in pairs)
        {
            json.WriteStartObject();
            json.WriteString(first, a);
            json.WriteString(second, b);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteInts(Utf8JsonWriter json, string name, int[] values)
    {
        json.WriteStartArray(name);
        foreach (int value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}

/// <summary>Everything dataset_info.json records.</summary>
internal sealed record DatasetInfo(string Name, string SourceFormat, ExampleSchema Schema, IReadOnlyList<ImageFeature> Images,
    IReadOnlyList<(string Feature, string[] Names)> ClassNames, IReadOnlyList<(string Name, int Records)> Splits,
    ConversionOptions Options, IReadOnlyList<SourceDigest> Sources, IReadOnlyList<SkippedFile> Skipped);
