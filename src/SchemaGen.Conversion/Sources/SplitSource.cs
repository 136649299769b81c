using SchemaGen.Conversion.Output;

namespace SchemaGen.Conversion.Sources;

/// <summary>One split of a dataset, its records reachable in any order (what a write-time shuffle needs).</summary>
internal abstract class SplitSource(string name)
{
    public string Name { get; } = name;

    public abstract int Count { get; }

    /// <summary>Fills <paramref name="encoder"/> with record <paramref name="index"/> (in source order).</summary>
    public abstract void Load(int index, RecordEncoder encoder);
}
