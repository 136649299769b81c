using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SchemaGen.Build.Metadata;

/// <summary>
/// The metadata of one <c>TfRecordDataset</c> item as the project wrote it, and the one place that checks it: each
/// value on its own, then the pairs the converter refuses. Empty means the converter's default.
/// </summary>
internal sealed class DatasetMetadata
{
    private static readonly string[] Formats = ["cifar10", "cifar100", "imagefolder"];
    private static readonly string[] Encodings = ["raw", "png", "jpeg"];
    private static readonly string[] PixelOrders = ["rgb", "bgr"];
    private static readonly string[] Compressions = ["none", "gzip", "zlib"];
    private static readonly string[] Booleans = ["true", "false"];

    public string? Format { get; set; }

    public string? Shards { get; set; }

    public string? Encoding { get; set; }

    public string? PixelOrder { get; set; }

    public string? Seed { get; set; }

    public string? Index { get; set; }

    public string? Compression { get; set; }

    /// <summary>Every invalid value, in the order of the item definition; empty when the item is valid.</summary>
    public IReadOnlyList<InvalidMetadata> Validate()
    {
        var problems = new List<InvalidMetadata>();
        CheckChoice(problems, nameof(Format), Format, Formats);
        if (!string.IsNullOrEmpty(Shards) && !(int.TryParse(Shards, NumberStyles.None, CultureInfo.InvariantCulture, out int shards) && shards is >= 1 and <= 99999))
        {
            problems.Add(new InvalidMetadata(nameof(Shards), Shards!, "a whole number from 1 to 99999"));
        }

        bool encodingValid = CheckChoice(problems, nameof(Encoding), Encoding, Encodings);
        bool pixelOrderValid = CheckChoice(problems, nameof(PixelOrder), PixelOrder, PixelOrders);
        if (!string.IsNullOrEmpty(Seed) && !long.TryParse(Seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            problems.Add(new InvalidMetadata(nameof(Seed), Seed!, "a 64-bit integer, or empty for the source order"));
        }

        bool indexValid = CheckChoice(problems, nameof(Index), Index, Booleans);
        bool compressionValid = CheckChoice(problems, nameof(Compression), Compression, Compressions);

        // The pairs are checked only between valid values, so one mistake is one error.
        if (indexValid && compressionValid && Is(Index, "true") && !IsEmptyOr(Compression, "none"))
        {
            problems.Add(new InvalidMetadata(nameof(Index), Index!,
                $"false with Compression=\"{Compression}\" (compressed shards have no byte offsets to index), or Compression=\"none\""));
        }

        if (encodingValid && pixelOrderValid && Is(PixelOrder, "bgr") && !IsEmptyOr(Encoding, "raw"))
        {
            problems.Add(new InvalidMetadata(nameof(PixelOrder), PixelOrder!,
                $"rgb with Encoding=\"{Encoding}\" (PNG and JPEG files are RGB), or Encoding=\"raw\""));
        }

        return problems;
    }

    // False only for a value that is not empty and not one of the choices.
    private static bool CheckChoice(List<InvalidMetadata> problems, string name, string? value, string[] choices)
    {
        if (string.IsNullOrEmpty(value) || choices.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        problems.Add(new InvalidMetadata(name, value!, string.Join(", ", choices)));
        return false;
    }

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsEmptyOr(string? value, string expected) => string.IsNullOrEmpty(value) || Is(value, expected);
}
