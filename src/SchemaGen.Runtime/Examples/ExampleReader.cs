namespace SchemaGen.Examples;

/// <summary>
/// Reads a serialized tf.train.Example in place, without allocating: look features up by key or enumerate them, then
/// read their values through spans and enumerators.
/// </summary>
/// <remarks>
/// Accepts everything a protobuf parser accepts for this message: packed and unpacked lists, map entries with key and
/// value in either order, repeated keys (the last wins), a <c>features</c> field given several times (merged), unknown
/// fields (skipped). Malformed bytes throw <see cref="ExampleFormatException"/> when the part holding them is read.
/// </remarks>
/// <example>
/// <code>
/// var example = new ExampleReader(record);
/// if (example.TryGetFeature("image"u8, out FeatureReader image) &amp;&amp; image.Kind == FeatureKind.BytesList)
/// {
///     foreach (ReadOnlySpan&lt;byte&gt; png in image.EnumerateBytes()) { … }
/// }
/// </code>
/// </example>
public readonly ref struct ExampleReader
{
    private readonly FeatureMapReader _features;

    /// <summary>Starts reading an Example; nothing is parsed until a feature is asked for.</summary>
    /// <param name="example">The serialized Example.</param>
    public ExampleReader(ReadOnlySpan<byte> example)
    {
        _features = new FeatureMapReader(example);
    }

    /// <summary>The Example's features.</summary>
    public FeatureMapReader Features => _features;

    /// <summary>Finds a feature by key.</summary>
    /// <param name="utf8Key">The key in UTF-8.</param>
    /// <param name="feature">The feature (its last entry) when found.</param>
    /// <returns>True when the key is present with a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool TryGetFeature(scoped ReadOnlySpan<byte> utf8Key, out FeatureReader feature) => _features.TryGetFeature(utf8Key, out feature);

    /// <summary>Finds a feature by key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="feature">The feature (its last entry) when found.</param>
    /// <returns>True when the key is present with a kind set; a Feature with no kind counts as missing.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool TryGetFeature(string key, out FeatureReader feature) => _features.TryGetFeature(key, out feature);

    /// <summary>
    /// Enumerates the features, each key once with its last value, in wire order of those last entries. Features
    /// with no kind are included (<see cref="FeatureReader.Kind"/> is <see cref="FeatureKind.None"/>).
    /// </summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public FeatureEnumerator GetEnumerator() => _features.GetEnumerator();

    /// <summary>
    /// Enumerates every map entry in wire order, repeated keys included, without reading the Features: the fastest
    /// way to read several features in one pass (what generated parsers do). Protobuf's rule is that the last entry of
    /// a repeated key wins, so a reader that keeps one entry per key must let later entries replace earlier ones.
    /// </summary>
    /// <returns>An enumerator; read the entries kept with <see cref="FeatureMapReader.TryGetFeature(in FeatureEntry, out FeatureReader)"/>.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    /// <example>
    /// <code>
    /// FeatureEntry image = default;
    /// var entries = example.EnumerateEntries();
    /// while (entries.MoveNext())
    /// {
    ///     if (entries.CurrentKey.SequenceEqual("image"u8)) image = entries.Current; // a later "image" replaces it
    /// }
    /// example.Features.TryGetFeature(image, out FeatureReader feature);
    /// </code>
    /// </example>
    public FeatureEntryEnumerator EnumerateEntries() => _features.EnumerateEntries();
}
