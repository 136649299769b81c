namespace SchemaGen.Augmentation;

/// <summary>
/// An object's box in coordinates relative to the image (0 to 1), in TensorFlow's order <c>[ymin, xmin, ymax, xmax]</c>:
/// the record's <c>image/object/bbox/ymin</c>, <c>xmin</c>, <c>ymax</c> and <c>xmax</c> features.
/// </summary>
/// <param name="YMin">The top edge.</param>
/// <param name="XMin">The left edge.</param>
/// <param name="YMax">The bottom edge.</param>
/// <param name="XMax">The right edge.</param>
public readonly record struct BoundingBox(float YMin, float XMin, float YMax, float XMax);
