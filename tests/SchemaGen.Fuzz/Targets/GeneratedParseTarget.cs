using SchemaGen.Examples;
using SchemaGen.Schema;

namespace SchemaGen.Fuzz.Targets;

/// <summary>
/// The generated <c>TryParse</c>, <c>Parse</c>, <c>TryParseInto</c> and <c>ParseInto</c> of <see cref="FuzzRecord"/>:
/// they agree on every input, fail only with the documented exceptions, and what they read writes back to bytes that
/// read the same.
/// </summary>
public sealed class GeneratedParseTarget : IFuzzTarget
{
    // Made at the first run: under afl-fuzz, instrumented code may run only once SharpFuzz has set up.
    private FuzzRecord.Batch? _batch;

    public string Name => "generated-parse";

    public IReadOnlyList<byte[]> Seeds()
    {
        var random = new Random(16);
        var records = Enumerable.Range(0, 8).Select(i => new FuzzRecord(
            [.. Enumerable.Range(0, 6).Select(_ => random.NextInt64(-1000, 1000))],
            (float)random.NextDouble(),
            $"record {i}",
            [.. Enumerable.Range(0, i % 3).Select(n => new byte[n + 1])],
            [.. Enumerable.Range(0, i).Select(n => n * 0.5f)],
            i % 2 == 0 ? i : null,
            i % 3 == 0,
            i % 4 == 0 ? [0xFF, 0xD8, 0xFF] : null).ToByteArray());
        return [.. records, .. Targets.Seeds.Records(Targets.Seeds.ExampleFiles, perFile: 2)];
    }

    public void Run(byte[] input)
    {
        bool parsed = FuzzRecord.TryParse(input, out FuzzRecord? value, out ExampleParseError error);
        string? thrown = Throws(() => FuzzRecord.Parse(input));
        Agree("TryParse", parsed, "Parse", thrown);

        _batch ??= FuzzRecord.Batch.Create(2);
        _batch.Clear();
        bool intoRow = _batch.TryParseInto(input, 0, out ExampleParseError rowError);
        Agree("TryParse", parsed, "TryParseInto", intoRow ? null : rowError.ToString());
        _batch.Clear();
        Agree("TryParse", parsed, "ParseInto", Throws(() => _batch.ParseInto(input, 0)));
        if (!parsed)
        {
            if (error.ToString() != rowError.ToString())
            {
                throw new FuzzFindingException($"TryParse says '{error}' but TryParseInto says '{rowError}'");
            }

            return;
        }

        byte[] written = value!.ToByteArray();
        byte[] fromBatch = _batch.Get(0).ToByteArray();
        if (!written.AsSpan().SequenceEqual(fromBatch))
        {
            throw new FuzzFindingException("the record TryParse read and the batch row ParseInto read write different bytes");
        }

        byte[] again = FuzzRecord.Parse(written).ToByteArray();
        if (!written.AsSpan().SequenceEqual(again))
        {
            throw new FuzzFindingException("what was read, written and read again writes different bytes");
        }
    }

    private static string? Throws(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (ExampleFormatException e)
        {
            return e.Message;
        }
    }

    private static void Agree(string name, bool succeeded, string otherName, string? otherError)
    {
        if (succeeded != (otherError is null))
        {
            throw new FuzzFindingException($"{name} {(succeeded ? "succeeds" : "fails")} but {otherName} {(otherError is null ? "succeeds" : $"fails: {otherError}")}");
        }
    }
}
