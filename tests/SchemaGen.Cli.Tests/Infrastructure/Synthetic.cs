using Google.Protobuf;
using SchemaGen.Protos;

namespace SchemaGen.Cli.Tests.Infrastructure;

/// <summary>
/// One row of Fixtures/synthetic.tsv: a message Python's protobuf made for an edge case, its deterministic bytes
/// (<c>SerializeToString(deterministic=True)</c>) and what <c>MessageToJson(indent=None)</c> prints for it.
/// </summary>
internal sealed record SyntheticCase(string Name, bool IsSequence, byte[] PythonBytes, string PythonJson)
{
    public static IReadOnlyList<SyntheticCase> All { get; } = Fixtures.Rows("synthetic.tsv")
        .Select(row => new SyntheticCase(row[0], row[1] == "SequenceExample", Convert.FromHexString(row[2]), row[3]))
        .ToList();

    public static SyntheticCase Named(string name) => All.Single(c => c.Name == name);

    public IMessage Parse() => IsSequence
        ? SequenceExample.Parser.ParseFrom(PythonBytes)
        : Example.Parser.ParseFrom(PythonBytes);

    public override string ToString() => Name;
}
