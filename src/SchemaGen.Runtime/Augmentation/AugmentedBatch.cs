namespace SchemaGen.Augmentation;

/// <summary>A parsed batch and its augmented images, lent together until the reader moves on.</summary>
/// <typeparam name="TBatch">The generated batch type (labels and the other columns).</typeparam>
/// <typeparam name="TOutput">The augmented images: <see cref="ImageTensor"/> on the CPU, device buffers on a GPU.</typeparam>
public readonly struct AugmentedBatch<TBatch, TOutput>
{
    internal AugmentedBatch(TBatch batch, TOutput images) => (Batch, Images) = (batch, images);

    /// <summary>The parsed batch.</summary>
    public TBatch Batch { get; }

    /// <summary>The batch's augmented images.</summary>
    public TOutput Images { get; }

    /// <summary>Splits the pair, for <c>foreach (var (batch, images) in …)</c>.</summary>
    /// <param name="batch">The parsed batch.</param>
    /// <param name="images">The augmented images.</param>
    public void Deconstruct(out TBatch batch, out TOutput images) => (batch, images) = (Batch, Images);
}
