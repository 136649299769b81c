namespace SchemaGen.Augmentation;

/// <summary>
/// The part of a decoded image that is resized to the output, in that image's pixel coordinates. Fractional when the
/// decoder reduced the image (a JPEG decoded at 1/2, 1/4 or 1/8 scale) or decoded more than the crop window (whole
/// JPEG blocks), so the resize samples exactly the window that was chosen in the full-size image.
/// </summary>
/// <param name="X">The left edge.</param>
/// <param name="Y">The top edge.</param>
/// <param name="Width">The width.</param>
/// <param name="Height">The height.</param>
public readonly record struct SourceRegion(float X, float Y, float Width, float Height);
