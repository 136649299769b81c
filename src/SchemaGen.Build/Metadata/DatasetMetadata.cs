using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SchemaGen.Build.Metadata;

/// <summary>
/// The metadata of one <c>TfRecordDataset</c> item as the project wrote it, and the one place that checks it: each
/// value on its own, then the pairs the converter refuses. Empty means the converter's default.
/// </summary>
internal sealed class DatasetMetadata(
    string? format, string? shards, string? encoding, string? pixelOrder, string? seed, string? index, string? compression)
{
    private static readonly string[] Formats = ["cifar10", "cifar100", "imagefolder"];
    private static readonly string[] Encodings = ["raw", "png", "jpeg"];
    private static readonly string[] PixelOrders = ["rgb", "bgr"];
    private static readonly string[] Compressions = ["none", "gzip", "zlib"];
    private static readonly string[] Booleans = ["true", "false"];

    /// <summary>Every invalid value, in the order of the item definition; empty when the item is valid.</summary>
    public IReadOnlyList<InvalidMetadata> Validate()
    {
        var problems = new List<InvalidMetadata>();
        CheckChoice(problems, "Format", format, Formats);
        if (!string.IsNullOrEmpty(shards) && !(int.TryParse(shards, NumberStyles.None, CultureInfo.InvariantCulture, out int shardCount) && shardCount is >= 1 and <= 99999))
        {
            problems.Add(new InvalidMetadata("Shards", shards!, "a whole number from 1 to 99999"));
        }

        bool encodingValid = CheckChoice(problems, "Encoding", encoding, Encodings);
        bool pixelOrderValid = CheckChoice(problems, "PixelOrder", pixelOrder, PixelOrders);
        if (!string.IsNullOrEmpty(seed) && !long.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            problems.Add(new InvalidMetadata("Seed", seed!, "a 64-bit integer, or empty for the source order"));
        }

        bool indexValid = CheckChoice(problems, "Index", index, Booleans);
        bool compressionValid = CheckChoice(problems, "Compression", compression, Compressions);

        // The pairs are checked only between valid values, so one mistake is one error.
        if (indexValid && compressionValid && Is(index, "true") && !IsEmptyOr(compression, "none"))
        {
            problems.Add(new InvalidMetadata("Index", index!,
                $"false with Compression=\"{compression}\" (compressed shards have no byte offsets to index), or Compression=\"none\""));
        }

        if (encodingValid && pixelOrderValid && Is(pixelOrder, "bgr") && !IsEmptyOr(encoding, "raw"))
        {
            problems.Add(new InvalidMetadata("PixelOrder", pixelOrder!,
                $"rgb with Encoding=\"{encoding}\" (PNG and JPEG files are RGB), or Encoding=\"raw\""));
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
