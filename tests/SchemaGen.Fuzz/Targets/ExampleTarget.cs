using SchemaGen.Protos;

namespace SchemaGen.Fuzz.Targets;

/// <summary>
/// <see cref="Examples.ExampleReader"/> against Google.Protobuf: where both accept, the same features and values;
/// where only Google.Protobuf accepts, the codec refused a group (as TensorFlow's parse_example does).
/// </summary>
public sealed class ExampleTarget : IFuzzTarget
{
    public string Name => "example";

    public IReadOnlyList<byte[]> Seeds() => Targets.Seeds.Records(Targets.Seeds.ExampleFiles);

    public void Run(byte[] input)
    {
        Example? theirs = ProtobufOracle.TryParse(Example.Parser, input);
        Example? ours = ProtobufOracle.TryRead(input, out var error);
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
