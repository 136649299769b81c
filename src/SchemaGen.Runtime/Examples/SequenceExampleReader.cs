namespace SchemaGen.Examples;

/// <summary>
/// Reads a serialized tf.train.SequenceExample in place, without allocating: its context features (read like an
/// Example's) and its feature lists, each a sequence of steps.
/// </summary>
/// <remarks>The same compatibility rules as <see cref="ExampleReader"/> apply at every level.</remarks>
/// <example>
/// <code>
/// var sequence = new SequenceExampleReader(record);
/// if (sequence.FeatureLists.TryGetFeatureList("tokens"u8, out FeatureListReader tokens))
/// {
///     foreach (FeatureReader step in tokens) { … step.EnumerateInt64s() … }
/// }
/// </code>
/// </example>
public readonly ref struct SequenceExampleReader
{
    private readonly ReadOnlySpan<byte> _message;

    /// <summary>Starts reading a SequenceExample; nothing is parsed until a part is asked for.</summary>
    /// <param name="sequenceExample">The serialized SequenceExample.</param>
    public SequenceExampleReader(ReadOnlySpan<byte> sequenceExample)
    {
        _message = sequenceExample;
    }

    /// <summary>The context features.</summary>
    public FeatureMapReader Context => new(_message);

    /// <summary>The feature lists.</summary>
    public FeatureListMapReader FeatureLists => new(_message);
}
