using System.CommandLine;
using SchemaGen.Cli.Schemas;
using SchemaGen.Schema;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen schema FILE... [--name T] [--namespace N] [--python] [--sequence]</c>: scans every record and prints
/// the <c>[TfExample]</c> (or <c>[TfSequenceExample]</c>) declaration that parses all of them, or with <c>--python</c>
/// the TensorFlow feature spec of that declaration.
/// </summary>
/// <remarks>
/// Per key: the dtype of its list; the same number of values in every record gives a fixed shape (one value: a scalar),
/// varying numbers a variable-length list; a key missing from some records (or holding a Feature with no kind) a
/// nullable member. Bytes become <c>string</c> when every value is text (valid UTF-8 with no control characters but
/// tab, CR and LF), <c>byte[]</c> otherwise. Members are the keys in PascalCase (<c>image/class/label</c> is
/// <c>ImageClassLabel</c>), with <c>[TfFeature("key")]</c> where the generator's snake case would not give the key back.
/// </remarks>
internal sealed class SchemaCommand : Command
{
    private readonly Argument<string[]> _files = new("FILE")
    {
        HelpName = "FILE...",
        Description = "TFRecord files (uncompressed, GZIP or ZLIB: detected from the bytes).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _name = new("--name")
    {
        Description = "The type's name.",
        HelpName = "T",
        DefaultValueFactory = _ => "Record",
    };

    private readonly Option<string?> _namespace = new("--namespace")
    {
        Description = "The namespace to declare the type in.",
        HelpName = "N",
    };

    private readonly Option<bool> _python = new("--python")
    {
        Description = "Print the Python tf.io feature spec that parses the records instead of the C# declaration.",
    };

    private readonly Option<bool> _sequence = new("--sequence")
    {
        Description = "Records are tf.train.SequenceExample, not tf.train.Example: declare a [TfSequenceExample].",
    };

    public SchemaCommand(CliConsole console)
        : base("schema", "Print the [TfExample] declaration (or, with --python, the TensorFlow feature spec) that parses every record.")
    {
        Add(_files);
        Add(_name);
        Add(_namespace);
        Add(_python);
        Add(_sequence);
        SetAction(result => Execute(
            IndexSidecars.Skip(result.GetRequiredValue(_files), console.Error),
            result.GetRequiredValue(_name),
            result.GetValue(_namespace),
            result.GetValue(_python),
            result.GetValue(_sequence),
            console));
    }

    private static int Execute(string[] files, string name, string? namespaceName, bool python, bool sequence, CliConsole console)
    {
        if (!MemberNames.IsIdentifier(name))
        {
            throw new CliException($"schemagen: --name '{name}' is not a C# type name.");
        }

        if (namespaceName is not null && !namespaceName.Split('.').All(MemberNames.IsIdentifier))
        {
            throw new CliException($"schemagen: --namespace '{namespaceName}' is not a C# namespace.");
        }

        var inference = new SchemaInference(sequence);
        foreach (string file in files)
        {
            Scan(file, inference);
        }

        if (inference.Records == 0)
        {
            throw new CliException($"schemagen: {(files.Length == 1 ? files[0] : "the files")} hold no records to infer a schema from.");
        }

        if (inference.SawFeatureLists)
        {
            console.Error.WriteLine("schemagen: note: the records have feature lists, so they look like SequenceExamples: --sequence declares those too.");
        }

        var notes = new List<string>();
        IReadOnlyList<InferredFeature> members = inference.Infer(name, notes);
        if (members.Count == 0)
        {
            console.Error.WriteLine($"schemagen: note: no record holds a feature: are these tf.train.{(sequence ? "SequenceExample" : "Example")} records?");
        }

        if (python)
        {
            var schema = new ExampleSchema(name, sequence ? ExampleSchemaKind.SequenceExample : ExampleSchemaKind.Example, members.Select(m => m.ToSpec()));
            console.Out.Write(schema.ToPython());
            foreach (string note in notes)
            {
                console.Error.WriteLine($"schemagen: note: {note}");
            }

            return 0;
        }

        string origin = $"{inference.Records} {(inference.Records == 1 ? "record" : "records")} "
            + (files.Length == 1 ? $"of {Path.GetFileName(files[0])}" : $"in {files.Length} files");
        console.Out.Write(DeclarationWriter.Write(name, namespaceName, sequence, members, origin, notes));
        return 0;
    }

    private static void Scan(string file, SchemaInference inference)
    {
        try
        {
            using var reader = new TfRecordReader(file);
            while (reader.TryReadNext(out ReadOnlyMemory<byte> record))
            {
                inference.Observe(record.Span, new RecordPosition(file, reader.RecordsRead - 1, reader.RecordOffset));
            }
        }
        catch (Exception exception) when (FileErrors.IsFileError(exception))
        {
            throw FileErrors.ToCliException(file, exception);
        }
    }
}
