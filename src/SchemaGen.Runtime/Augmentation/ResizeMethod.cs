namespace SchemaGen.Augmentation;

/// <summary>How a region is resampled to the output size, as <c>tf.image.resize</c>'s <c>method</c>.</summary>
public enum ResizeMethod
{
    /// <summary>
    /// Bilinear with half-pixel centers (<c>tf.image.resize</c>'s default); with antialias, TensorFlow's
    /// <c>scale_and_translate</c> triangle kernel, widened by the scale when downsampling.
    /// </summary>
    Bilinear = 0,

    /// <summary>Nearest neighbour with half-pixel centers: source pixel <c>floor((x + 0.5) * scale)</c>.</summary>
    Nearest = 1,

    /// <summary>Area averaging (<c>resize_area</c>): each output pixel is the mean of the source area it covers.</summary>
    Area = 2,
}
