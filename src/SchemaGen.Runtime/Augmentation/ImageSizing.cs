using SchemaGen.Datasets;

namespace SchemaGen.Augmentation;

/// <summary>
/// The sizing op of an <see cref="ImageAugmentation"/>: which region of each decoded image is resized to the fixed
/// output size, and how. Chosen before decoding (<see cref="ImageAugmentation.ChooseRegion"/>), so a decoder decodes
/// only the window the region needs; created by <see cref="ImageAugmentation.Resize"/>,
/// <see cref="ImageAugmentation.ResizeShorterSide"/> + <see cref="ImageAugmentation.CenterCrop"/> and
/// <see cref="ImageAugmentation.RandomResizedCrop"/>.
/// </summary>
public sealed class ImageSizing
{
    // A mapped region's edges may be off by float rounding; pixels this close to the region count as inside.
    private const float EdgeTolerance = 1e-3f;

    internal ImageSizing(ImageSizingKind kind, int height, int width, ResizeMethod method, bool antialias)
    {
        Kind = kind;
        Height = height;
        Width = width;
        Method = method;
        Antialias = antialias;
    }

    /// <summary>Which op.</summary>
    public ImageSizingKind Kind { get; }

    /// <summary>The output's rows.</summary>
    public int Height { get; }

    /// <summary>The output's columns.</summary>
    public int Width { get; }

    /// <summary>The resize method.</summary>
    public ResizeMethod Method { get; }

    /// <summary>Whether bilinear resizing is antialiased when it downsamples.</summary>
    public bool Antialias { get; }

    /// <summary>The side the shorter image side is resized to first (<see cref="ImageSizingKind.CenterCrop"/>).</summary>
    public int ShorterSide { get; internal init; }

    /// <summary>The least fraction of the image's area a random crop takes.</summary>
    public float MinArea { get; internal init; }

    /// <summary>The greatest fraction of the image's area a random crop takes.</summary>
    public float MaxArea { get; internal init; }

    /// <summary>The least width / height of a random crop.</summary>
    public float MinAspectRatio { get; internal init; }

    /// <summary>The greatest width / height of a random crop.</summary>
    public float MaxAspectRatio { get; internal init; }

    /// <summary>Random crops tried before the whole image is taken.</summary>
    public int MaxAttempts { get; internal init; }

    /// <summary>The least fraction of one bounding box (or of the image, without boxes) a random crop covers.</summary>
    public float MinObjectCovered { get; internal init; }

    /// <summary>
    /// Whether resampling clamps to the region's own pixels (a crop, then a resize: <see cref="ImageSizingKind.Resize"/>
    /// and <see cref="ImageSizingKind.RandomResizedCrop"/>) rather than to the decoded image's (a resize of the whole
    /// image, then a crop: <see cref="ImageSizingKind.CenterCrop"/>, whose window carries a margin for it).
    /// </summary>
    public bool ClampsToRegion => Kind != ImageSizingKind.CenterCrop;

    /// <summary>
    /// Maps a region chosen in the full image's pixels into the pixels a decoder produced for
    /// <paramref name="decoded"/> (a window of the full image, possibly decoded at a reduced scale).
    /// </summary>
    /// <param name="region">The region in the full image (<see cref="ImageAugmentation.ChooseRegion"/>).</param>
    /// <param name="decoded">The full image's window the decoder decoded.</param>
    /// <param name="decodedHeight">The decoded rows.</param>
    /// <param name="decodedWidth">The decoded columns.</param>
    /// <returns>The region in the decoded pixels' coordinates, for <see cref="DecodedImageBatch.Add"/>.</returns>
    public static SourceRegion MapRegion(SourceRegion region, CropWindow decoded, int decodedHeight, int decodedWidth)
    {
        double sx = decodedWidth / (double)decoded.Width, sy = decodedHeight / (double)decoded.Height;
        return new SourceRegion(
            (float)((region.X - decoded.X) * sx),
            (float)((region.Y - decoded.Y) * sy),
            (float)(region.Width * sx),
            (float)(region.Height * sy));
    }

    /// <summary>
    /// Maps a region chosen in the full image's pixels into a decoded image, given where the decoded window lies in
    /// it (the <see cref="DecodedImage.Region"/> a decoder reports for the window it was asked for). For
    /// <see cref="ImageSizingKind.Resize"/> and <see cref="ImageSizingKind.RandomResizedCrop"/> the region is the window
    /// and this returns <paramref name="windowRegion"/>; for <see cref="ImageSizingKind.CenterCrop"/> it is the
    /// fractional central window inside the decoded margin (set it with <see cref="DecodedImageBatch.SetRegion"/>).
    /// </summary>
    /// <param name="region">The region in the full image (<see cref="ImageAugmentation.ChooseRegion"/>).</param>
    /// <param name="window">The window the decoder was asked for (<see cref="ImageAugmentation.ChooseWindow"/>).</param>
    /// <param name="windowRegion">Where that window lies in the decoded pixels.</param>
    /// <returns>The region in the decoded pixels' coordinates.</returns>
    public static SourceRegion MapRegion(SourceRegion region, CropWindow window, SourceRegion windowRegion)
    {
        double sx = windowRegion.Width / (double)window.Width, sy = windowRegion.Height / (double)window.Height;
        return new SourceRegion(
            (float)(windowRegion.X + ((region.X - window.X) * sx)),
            (float)(windowRegion.Y + ((region.Y - window.Y) * sy)),
            (float)(region.Width * sx),
            (float)(region.Height * sy));
    }

    /// <summary>The whole pixels of <paramref name="region"/>, widened by <paramref name="margin"/> and kept inside the image.</summary>
    /// <param name="region">A region of the image.</param>
    /// <param name="margin">Pixels added on every side.</param>
    /// <param name="imageHeight">The image's rows.</param>
    /// <param name="imageWidth">The image's columns.</param>
    /// <returns>The window.</returns>
    public static CropWindow Enclosing(SourceRegion region, int margin, int imageHeight, int imageWidth)
    {
        int left = Math.Max(0, (int)MathF.Floor(region.X + EdgeTolerance) - margin);
        int top = Math.Max(0, (int)MathF.Floor(region.Y + EdgeTolerance) - margin);
        int right = Math.Min(imageWidth, (int)MathF.Ceiling(region.X + region.Width - EdgeTolerance) + margin);
        int bottom = Math.Min(imageHeight, (int)MathF.Ceiling(region.Y + region.Height - EdgeTolerance) + margin);
        return new CropWindow(left, top, Math.Max(1, right - left), Math.Max(1, bottom - top));
    }

    /// <summary>The axes of a region of a decoded image, as the CPU path and device kernels resample it.</summary>
    /// <param name="image">The decoded image and its region.</param>
    /// <param name="x">The horizontal axis.</param>
    /// <param name="y">The vertical axis.</param>
    public void Axes(in DecodedImage image, out ResizeAxis x, out ResizeAxis y)
    {
        var r = image.Region;
        int left = 0, right = image.Width - 1, top = 0, bottom = image.Height - 1;
        if (ClampsToRegion)
        {
            left = Math.Clamp((int)MathF.Floor(r.X + EdgeTolerance), 0, right);
            right = Math.Clamp((int)MathF.Ceiling(r.X + r.Width - EdgeTolerance) - 1, left, right);
            top = Math.Clamp((int)MathF.Floor(r.Y + EdgeTolerance), 0, bottom);
            bottom = Math.Clamp((int)MathF.Ceiling(r.Y + r.Height - EdgeTolerance) - 1, top, bottom);
        }

        x = ResizeAxis.Create(r.X, r.Width, Width, left, right, Method, Antialias);
        y = ResizeAxis.Create(r.Y, r.Height, Height, top, bottom, Method, Antialias);
    }

    /// <summary>Throws unless the region lies within the decoded image and is not empty.</summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="index">Its index in the batch (for the message).</param>
    internal static void Validate(in DecodedImage image, int index)
    {
        var r = image.Region;
        if (!(r.Width > 0 && r.Height > 0 && r.X >= -EdgeTolerance && r.Y >= -EdgeTolerance
            && r.X + r.Width <= image.Width + EdgeTolerance && r.Y + r.Height <= image.Height + EdgeTolerance))
        {
            throw new ArgumentException(
                $"Image {index} of the batch is {image.Width}x{image.Height} but its region is ({r.X}, {r.Y}) {r.Width}x{r.Height}: a region must be non-empty and inside the image.");
        }
    }

    internal SourceRegion ChooseRegion(int imageHeight, int imageWidth, ReadOnlySpan<BoundingBox> boxes, long seed, long epoch, long index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        switch (Kind)
        {
            case ImageSizingKind.RandomResizedCrop:
                var random = SplitMix64.ForItem(SplitMix64.Derive(seed, DatasetRandomStream.Sizing, epoch), index);
                var window = DistortedBoundingBox.Sample(
                    imageWidth, imageHeight, boxes, MinArea, MaxArea, MinAspectRatio, MaxAspectRatio, MaxAttempts, MinObjectCovered, ref random);
                return new SourceRegion(window.X, window.Y, window.Width, window.Height);
            case ImageSizingKind.CenterCrop:
                return CentralRegion(imageHeight, imageWidth);
            default:
                return new SourceRegion(0, 0, imageWidth, imageHeight);
        }
    }

    internal CropWindow ChooseWindow(int imageHeight, int imageWidth, ReadOnlySpan<BoundingBox> boxes, long seed, long epoch, long index)
    {
        var region = ChooseRegion(imageHeight, imageWidth, boxes, seed, epoch, index);
        if (ClampsToRegion)
        {
            return Enclosing(region, 0, imageHeight, imageWidth);
        }

        // Resampling the resized image near the crop's edges reads source pixels just outside it: one for bilinear,
        // the widened triangle's reach when antialiased.
        float scale = Math.Max(region.Width / Width, region.Height / Height);
        int margin = Method == ResizeMethod.Bilinear ? (Antialias ? (int)MathF.Ceiling(Math.Max(scale, 1)) + 1 : 1) : 0;
        return Enclosing(region, margin, imageHeight, imageWidth);
    }

    // The shorter side resized to ShorterSide (the other to round(ShorterSide * long / short), half to even as tf.round),
    // then the central Height x Width at offsets (resized - crop) / 2 rounded down: that window in source pixels.
    private SourceRegion CentralRegion(int imageHeight, int imageWidth)
    {
        var (resizedHeight, resizedWidth) = ResizedSize(imageHeight, imageWidth, ShorterSide);
        double sy = imageHeight / (double)resizedHeight, sx = imageWidth / (double)resizedWidth;
        int top = Math.Max(0, (resizedHeight - Height) / 2), left = Math.Max(0, (resizedWidth - Width) / 2);
        return new SourceRegion((float)(left * sx), (float)(top * sy), (float)(Width * sx), (float)(Height * sy));
    }

    /// <summary>The size an image gets when its shorter side is resized to <paramref name="shorterSide"/>.</summary>
    /// <param name="imageHeight">The image's rows.</param>
    /// <param name="imageWidth">The image's columns.</param>
    /// <param name="shorterSide">The shorter side's new length.</param>
    /// <returns>The new rows and columns.</returns>
    public static (int Height, int Width) ResizedSize(int imageHeight, int imageWidth, int shorterSide) =>
        imageHeight <= imageWidth
            ? (shorterSide, (int)Math.Round(shorterSide * (double)imageWidth / imageHeight, MidpointRounding.ToEven))
            : ((int)Math.Round(shorterSide * (double)imageHeight / imageWidth, MidpointRounding.ToEven), shorterSide);
}
