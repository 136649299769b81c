using SchemaGen.Protos;

namespace SchemaGen.Fuzz.Targets;

/// <summary><see cref="Examples.SequenceExampleReader"/> against Google.Protobuf, as <see cref="ExampleTarget"/>.</summary>
public sealed class SequenceExampleTarget : IFuzzTarget
{
    public string Name => "sequence-example";

    public IReadOnlyList<byte[]> Seeds() => Targets.Seeds.Records(Targets.Seeds.SequenceExampleFiles);

    public void Run(byte[] input)
    {
        SequenceExample? theirs = ProtobufOracle.TryParse(SequenceExample.Parser, input);
        SequenceExample? ours = ProtobufOracle.TryReadSequence(input, out var error);
        if (ours is not null && theirs is not null && !ProtobufOracle.Normalized(theirs).Equals(ours))
        {
            throw new FuzzFindingException($"the codec read {ours} but Google.Protobuf read {ProtobufOracle.Normalized(theirs)}");
        }

        if (ours is null && theirs is not null)
        {
            ProtobufOracle.RequireDeliberateRefusal(error!);
        }
    }
}
