namespace SchemaGen.Augmentation;

/// <summary>Selects a batch's uint8 image column, for example <c>b =&gt; b.Image</c>.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <param name="batch">The batch.</param>
/// <returns>Its images, <c>Capacity * shape.Length</c> bytes of HWC rows.</returns>
public delegate Span<byte> BatchImages<in TBatch>(TBatch batch);
