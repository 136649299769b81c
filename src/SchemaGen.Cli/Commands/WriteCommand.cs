using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using SchemaGen.Protos;
using SchemaGen.Records;
using SchemaGen.Storage;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen write OUT --from-jsonl IN|- [--compression none|gzip|zlib] [--index] [--sequence]</c>: the inverse
/// of <c>cat</c>. Each line is a record in the canonical protobuf JSON mapping; records are written with their map
/// keys sorted, so the same data always gives the same bytes.
/// </summary>
internal sealed class WriteCommand : Command
{
    // The NaN TensorFlow and Python write (x86 quiet NaN); .NET's float.NaN has the sign bit set.
    private static readonly float CanonicalNaN = BitConverter.Int32BitsToSingle(0x7FC00000);

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private readonly Argument<string> _output = new("OUT") { Description = "The TFRecord file to write (replaced if it exists)." };

    private readonly Option<string> _from = new("--from-jsonl")
    {
        Description = "JSON lines to read, one record per line; - reads standard input. Blank lines are skipped.",
        HelpName = "IN|-",
        Required = true,
    };

    private readonly Option<string> _compression = new("--compression")
    {
        Description = "Compression of the whole file.",
        DefaultValueFactory = _ => "none",
    };

    private readonly Option<bool> _index = new("--index")
    {
        Description = "Also write OUT.idx (<offset> <framed size> per record). Uncompressed output only.",
    };

    private readonly Option<bool> _sequence = new("--sequence")
    {
        Description = "Lines are tf.train.SequenceExample, not tf.train.Example.",
    };

    public WriteCommand(CliConsole console)
        : base("write", "Write a TFRecord file from JSON lines (protobuf's canonical JSON of each record).")
    {
        _compression.AcceptOnlyFromAmong("none", "gzip", "zlib");
        Add(_output);
        Add(_from);
        Add(_compression);
        Add(_index);
        Add(_sequence);
        Validators.Add(result =>
        {
            if (result.GetValue(_index) && result.GetValue(_compression) is "gzip" or "zlib")
            {
                result.AddError("--index needs --compression none: a compressed file has no byte offsets to index.");
            }
        });
        SetAction(result => Execute(
            result.GetRequiredValue(_output),
            result.GetRequiredValue(_from),
            new TfRecordWriterOptions
            {
                Compression = result.GetValue(_compression) switch
                {
                    "gzip" => TfRecordCompression.Gzip,
                    "zlib" => TfRecordCompression.Zlib,
                    _ => TfRecordCompression.None,
                },
                WriteIndex = result.GetValue(_index),
            },
            result.GetValue(_sequence) ? SequenceExample.Descriptor : Example.Descriptor,
            console));
    }

    private static int Execute(string output, string from, TfRecordWriterOptions options, MessageDescriptor type, CliConsole console)
    {
        var inputName = from == "-" ? "<stdin>" : from;
        using var file = from == "-" ? null : OpenInput(from);
        var input = file ?? console.In;

        TfRecordWriter writer;
        try
        {
            writer = new TfRecordWriter(output, options);
            if (!options.WriteIndex && !ObjectUri.IsObjectUri(output))
            {
                // An index left from an earlier file would point into the new one at the wrong offsets.
                DeleteIfPresent(TfRecordIndex.PathFor(output));
            }
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(output, exception);
        }

        long records = 0;
        var complete = false;
        try
        {
            {
                var lineNumber = 0L;
                while (input.ReadLine() is { } line)
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    writer.Write(Encode(ParseLine(line, type, inputName, lineNumber)));
                    records++;
                }
            }

            writer.Dispose();
            complete = true;
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(output, exception);
        }
        finally
        {
            if (!complete)
            {
                // A half-written file would pass for a complete one: leave nothing behind (an object's upload is
                // aborted, so it never appears).
                writer.Abort();
                DeleteIfPresent(output);
                DeleteIfPresent(TfRecordIndex.PathFor(output));
            }
        }

        console.Out.WriteLine($"{records} {(records == 1 ? "record" : "records")} written to {output}");
        return 0;
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            // The error being reported matters more than a leftover file.
        }
    }

    private static StreamReader OpenInput(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(path, exception);
        }
    }

    private static IMessage ParseLine(string line, MessageDescriptor type, string inputName, long lineNumber)
    {
        try
        {
            // Google.Protobuf's parser lets a repeated key win silently; Python's json_format rejects it, and so do we.
            using (JsonDocument.Parse(line, StrictJson))
            {
            }

            var message = JsonParser.Default.Parse(line, type);
            CanonicalizeNaN(message);
            return message;
        }
        catch (JsonException exception)
        {
            var column = exception.BytePositionInLine is { } position ? $" (byte {position + 1})" : "";
            throw new CliException($"{inputName}:{lineNumber}: invalid JSON{column}: {FirstSentence(exception.Message)}", exception);
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new CliException($"{inputName}:{lineNumber}: not a {type.FullName}: {exception.Message}", exception);
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 12." which we already say better.
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    private static void CanonicalizeNaN(IMessage message)
    {
        switch (message)
        {
            case Example example:
                CanonicalizeNaN(example.Features);
                break;
            case SequenceExample sequence:
                CanonicalizeNaN(sequence.Context);
                foreach (var list in sequence.FeatureLists?.FeatureList.Values ?? [])
                {
                    foreach (var feature in list.Feature)
                    {
                        CanonicalizeNaN(feature);
                    }
                }

                break;
        }
    }

    private static void CanonicalizeNaN(Features? features)
    {
        foreach (var feature in features?.Feature.Values ?? [])
        {
            CanonicalizeNaN(feature);
        }
    }

    private static void CanonicalizeNaN(Feature feature)
    {
        if (feature.FloatList is not { } floats)
        {
            return;
        }

        for (var i = 0; i < floats.Value.Count; i++)
        {
            if (float.IsNaN(floats.Value[i]))
            {
                floats.Value[i] = CanonicalNaN;
            }
        }
    }

    private static byte[] Encode(IMessage message) => message switch
    {
        Example example => ExampleEncoding.ToSortedByteArray(example),
        SequenceExample sequence => ExampleEncoding.ToSortedByteArray(sequence),
        _ => throw new UnreachableException($"write parses only Example and SequenceExample, not {message.Descriptor.FullName}."),
    };
}
