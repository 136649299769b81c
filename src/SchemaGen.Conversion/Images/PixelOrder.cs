namespace SchemaGen.Conversion.Images;

/// <summary>Channel order of raw images.</summary>
public enum PixelOrder
{
    /// <summary>Red, green, blue: TensorFlow's convention and the default.</summary>
    Rgb,

    /// <summary>Blue, green, red: what OpenCV code expects.</summary>
    Bgr,
}
