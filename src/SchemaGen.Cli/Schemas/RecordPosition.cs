namespace SchemaGen.Cli.Schemas;

/// <summary>Where a record lies, for messages: <c>FILE: record N at OFFSET</c> (N counts from 0).</summary>
internal readonly record struct RecordPosition(string File, long Index, long Offset)
{
    public override string ToString() => $"{File}: record {Index} at {Offset}";
}
