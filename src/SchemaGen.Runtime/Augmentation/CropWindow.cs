namespace SchemaGen.Augmentation;

/// <summary>
/// A window of an image in whole pixels, as <c>tf.image.sample_distorted_bounding_box</c> returns one (its
/// <c>begin</c> and <c>size</c>) and <c>tf.image.decode_and_crop_jpeg</c> takes one.
/// </summary>
/// <param name="X">The first column.</param>
/// <param name="Y">The first row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct CropWindow(int X, int Y, int Width, int Height)
{
    /// <summary>The whole image.</summary>
    /// <param name="width">The image's width.</param>
    /// <param name="height">The image's height.</param>
    /// <returns>The window at (0, 0) of the image's size.</returns>
    public static CropWindow Whole(int width, int height) => new(0, 0, width, height);
}
