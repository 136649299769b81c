using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using SchemaGen.Cli.Json;
using SchemaGen.Protos;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen cat FILE [--skip N] [--limit N] [--sequence | --events]</c>: one record per line as the canonical
/// protobuf JSON, byte for byte what Python's <c>json_format.MessageToJson(message, indent=None)</c> prints for it.
/// With <c>--events</c> the records are TensorBoard <c>Event</c>s, printed as Google.Protobuf's canonical JSON (their
/// doubles, such as wall times, are not float32, which the Python rewrite assumes).
/// </summary>
/// <remarks>
/// Map entries print in the record's wire order, as Google.Protobuf's MapField keeps them and protobuf-python's
/// pure-Python backend prints them; its C++ backend prints them in hash order instead.
/// </remarks>
internal sealed class CatCommand : Command
{
    private readonly Argument<string> _file = new("FILE")
    {
        Description = "A TFRecord file (uncompressed, GZIP or ZLIB: detected from the bytes), or a folder Spark wrote (its part files in order).",
    };

    private readonly Option<long> _skip = new("--skip")
    {
        Description = "Records to pass over before printing (they are still read and checked).",
        HelpName = "N",
        CustomParser = CountOptions.Parse,
    };

    private readonly Option<long?> _limit = new("--limit")
    {
        Description = "Print at most N records.",
        HelpName = "N",
        CustomParser = result => CountOptions.Parse(result),
    };

    private readonly Option<bool> _sequence = new("--sequence")
    {
        Description = "Records are tf.train.SequenceExample, not tf.train.Example.",
    };

    private readonly Option<bool> _events = new("--events")
    {
        Description = "Records are TensorBoard events (tensorboard.Event), as in events.out.tfevents.* files.",
    };

    public CatCommand(CliConsole console)
        : base("cat", "Print records as JSON lines, exactly as Python's json_format.MessageToJson(indent=None) does.")
    {
        Add(_file);
        Add(_skip);
        Add(_limit);
        Add(_sequence);
        Add(_events);
        SetAction(result =>
        {
            string file = result.GetRequiredValue(_file);
            bool events = result.GetValue(_events);
            return Execute(
                file,
                result.GetValue(_skip),
                result.GetValue(_limit) ?? long.MaxValue,
                events ? Tensorboard.Event.Descriptor : result.GetValue(_sequence) ? SequenceExample.Descriptor : Example.Descriptor,
                console.Out);
        });
    }

    private static int Execute(string path, long skip, long limit, MessageDescriptor type, TextWriter output)
    {
        // A folder Spark wrote is its part files in order, the records counted across them for --skip and --limit.
        long passed = 0;
        long printed = 0;
        foreach (string file in IndexSidecars.Skip([path], TextWriter.Null))
        {
            Print(file, ref passed, ref printed, skip, limit, type, output);
        }

        return 0;
    }

    private static void Print(string file, ref long passed, ref long printed, long skip, long limit, MessageDescriptor type, TextWriter output)
    {
        bool pythonJson = type != Tensorboard.Event.Descriptor;
        var formatter = JsonFormatter.Default;
        try
        {
            using var reader = new TfRecordReader(file);
            while (printed < limit && reader.TryReadNext(out var record))
            {
                if (++passed <= skip)
                {
                    continue;
                }

                string json = formatter.Format(Parse(type, record.Span, file, reader));
                if (pythonJson)
                {
                    PythonJson.Write(json, output);
                }
                else
                {
                    output.Write(json);
                }

                output.Write('\n');
                printed++;
            }
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(file, exception);
        }
    }

    private static IMessage Parse(MessageDescriptor type, ReadOnlySpan<byte> record, string file, TfRecordReader reader)
    {
        try
        {
            return type.Parser.ParseFrom(record);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new CliException(
                $"{file}: record {reader.RecordsRead - 1} at {reader.RecordOffset} is not a {type.FullName}: {exception.Message}",
                exception);
        }
    }
}
