using SchemaGen.Augmentation;
using SchemaGen.Batches;

namespace SchemaGen.Imaging;

/// <summary>
/// A batch's object boxes: its <c>image/object/bbox/ymin</c>, <c>xmin</c>, <c>ymax</c> and <c>xmax</c> columns (the
/// generated <c>float[]</c> members), row <c>r</c>'s boxes at the same positions in each. For
/// <see cref="ImageAugmentation.RandomResizedCrop"/>'s <c>minObjectCovered</c>.
/// </summary>
/// <param name="YMin">The boxes' top edges, relative to the image.</param>
/// <param name="XMin">The left edges.</param>
/// <param name="YMax">The bottom edges.</param>
/// <param name="XMax">The right edges.</param>
public readonly record struct BoundingBoxColumns(VarLenColumn<float> YMin, VarLenColumn<float> XMin, VarLenColumn<float> YMax, VarLenColumn<float> XMax);
