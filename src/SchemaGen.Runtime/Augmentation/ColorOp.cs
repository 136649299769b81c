namespace SchemaGen;

/// <summary>A value op of an <see cref="ImageAugmentation"/>, applied in the order the pipeline lists them.</summary>
internal enum ColorOp
{
    Brightness = 1,
    Contrast = 2,
    Saturation = 3,
    Hue = 4,
    Standardization = 5,
    Normalize = 6,
}
