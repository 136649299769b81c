namespace SchemaGen.Augmentation;

/// <summary>Which sizing op an <see cref="ImageSizing"/> is.</summary>
public enum ImageSizingKind
{
    /// <summary>The whole image resized to a fixed size (<see cref="ImageAugmentation.Resize"/>).</summary>
    Resize = 1,

    /// <summary>The shorter side resized, then a central crop (<see cref="ImageAugmentation.CenterCrop"/>).</summary>
    CenterCrop = 2,

    /// <summary>A random window resized (<see cref="ImageAugmentation.RandomResizedCrop"/>).</summary>
    RandomResizedCrop = 3,
}
