namespace SchemaGen.Augmentation;

/// <summary>
/// A value op of an <see cref="ImageAugmentation"/>, applied in the order the pipeline lists them
/// (<see cref="ImageAugmentation.ColorOps"/>); <see cref="ColorMath"/> computes each.
/// </summary>
public enum ColorOp
{
    /// <summary><c>tf.image.adjust_brightness</c>: adds <see cref="AugmentationParameters.BrightnessDelta"/>.</summary>
    Brightness = 1,

    /// <summary><c>tf.image.adjust_contrast</c>: scales by <see cref="AugmentationParameters.ContrastFactor"/> about each channel's mean.</summary>
    Contrast = 2,

    /// <summary><c>tf.image.adjust_saturation</c>: scales the HSV saturation by <see cref="AugmentationParameters.SaturationFactor"/>.</summary>
    Saturation = 3,

    /// <summary><c>tf.image.adjust_hue</c>: adds <see cref="AugmentationParameters.HueDelta"/> turns to the HSV hue.</summary>
    Hue = 4,

    /// <summary><c>tf.image.per_image_standardization</c>: (x - mean) / max(std, 1 / sqrt(N)) over the image's values.</summary>
    Standardization = 5,

    /// <summary>(x - mean) / std per channel, with <see cref="ImageAugmentation.Normalize"/>'s mean and std.</summary>
    Normalize = 6,
}
