using SchemaGen.Augmentation;

namespace SchemaGen.Cli.Images;

/// <summary>One record's picture with what <c>preview</c> and <c>export-images</c> show of it.</summary>
/// <param name="Picture">The decoded image.</param>
/// <param name="Label">The class label, or -1 when the record has none.</param>
/// <param name="LabelText">The class's name when the record stores it, else null.</param>
/// <param name="Boxes">The objects' boxes (Object Detection layout), relative to the image; empty when none.</param>
internal sealed record RecordImage(Picture Picture, long Label, string? LabelText, BoundingBox[] Boxes);
