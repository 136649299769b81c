using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Testing.Fixtures;

/// <summary>
/// One row of tests/data/fixtures/empty-key-records.tsv (build/make-empty-key-fixtures.py): a random Example or SequenceExample
/// holding an empty map key, the bytes protobuf's C++ serializer (TensorFlow's) gives it deterministically, and its
/// JSON. Each row's bytes were checked against Python's pure protobuf too.
/// </summary>
public sealed record EmptyKeyRecord(int Row, bool IsSequence, byte[] TensorFlowBytes, string Json)
{
    public static IReadOnlyList<EmptyKeyRecord> All { get; } = File.ReadLines(Repository.Path("tests/data/fixtures/empty-key-records.tsv"))
        .Where(line => !line.StartsWith('#'))
        .Select((line, row) => line.Split('\t') is [var message, var hex, var json]
            ? new EmptyKeyRecord(row, message == "SequenceExample", Convert.FromHexString(hex), json)
            : throw new InvalidDataException($"empty-key-records.tsv row {row}: three tab-separated columns expected"))
        .ToList();

    /// <summary>The message, parsed by Google.Protobuf: its maps keep the (sorted) wire order.</summary>
    public IMessage Parse() => IsSequence
        ? SequenceExample.Parser.ParseFrom(TensorFlowBytes)
        : Example.Parser.ParseFrom(TensorFlowBytes);

    public override string ToString() => $"row {Row} ({(IsSequence ? "SequenceExample" : "Example")})";
}
