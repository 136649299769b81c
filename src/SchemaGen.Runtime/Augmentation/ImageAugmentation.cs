using System.Globalization;
using SchemaGen.Datasets;

namespace SchemaGen.Augmentation;

/// <summary>
/// A pipeline of tf.image augmentation ops over uint8 HWC images, run fused on the CPU into a float32 batch in
/// NHWC or NCHW layout (and by <c>SchemaGen.Gpu</c> on a device, with the same results). Immutable: each call
/// returns a new pipeline.
/// <code>
/// var augmentation = new ImageAugmentation(seed: 42)
///     .RandomCrop(padding: 4).RandomFlipLeftRight()
///     .Normalize([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f])
///     .WithLayout(TensorLayout.Nchw);
/// foreach (var (batch, images) in dataset.Augment(b => b.Image, new ImageShape(32, 32, 3), augmentation))
/// {
///     Train(images.Span, batch.Label[..batch.Count]);
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para><b>Scale.</b> As tf.image does after <c>convert_image_dtype</c>, ops see float values in [0, 1]
/// (<c>v / 255</c>); brightness deltas, hue deltas and <see cref="Normalize"/>'s mean and std are on that scale
/// (torchvision's CIFAR mean 0.4914 is one). No op clips, as tf.image's do not.</para>
/// <para><b>Order.</b> The geometric ops come first whatever the call order: the crop of the zero-padded image,
/// then the flips (the standard CIFAR pipeline). The value ops (brightness, contrast, saturation, hue,
/// standardization, normalize) then apply in the order added; each op may appear once.</para>
/// <para><b>Passes.</b> Brightness, contrast, standardization and normalize compose into one per-channel
/// multiply-add, so without hue or saturation an image is read once from the uint8 source and written once to the
/// float destination, geometry and layout included; contrast or standardization add one read of the source for
/// its per-channel sums (integer, exact). Hue and saturation are not affine: the ops before them are applied in one
/// pass that also converts through HSV (consecutive HSV ops share it) into a per-image scratch, and a contrast or
/// standardization after them sums that scratch once.</para>
/// <para><b>Sizing.</b> <see cref="Resize"/>, <see cref="ResizeShorterSide"/> + <see cref="CenterCrop"/> and
/// <see cref="RandomResizedCrop"/> take images of any size (a <see cref="DecodedImageBatch"/>, through
/// <see cref="Apply(DecodedImageBatch, long, long, ImageTensor, int)"/>) to one output size with
/// <c>tf.image.resize</c>'s formulas. The region is chosen before decoding (<see cref="ChooseWindow"/>,
/// <see cref="ChooseRegion"/>) so a decoder decodes only what it needs; the flips and value ops then apply to the
/// resized image as they apply to a fixed-size one.</para>
/// <para><b>Randomness.</b> Each image's choices (<see cref="AugmentationParameters"/>) come from the seed, the
/// epoch and the image's index within the epoch, so results do not depend on threads, and a reader resumed from a
/// checkpoint augments its batches as the original run did.</para>
/// </remarks>
public sealed class ImageAugmentation : IBatchAugmenter<ImageTensor>
{
    private ColorOp[] _colorOps = [];
    private int? _cropHeight;
    private int? _cropWidth;
    private float[]? _mean;
    private float[]? _std;

    /// <summary>Starts an empty pipeline (only the uint8 to float conversion).</summary>
    /// <param name="seed">The seed of every random choice.</param>
    public ImageAugmentation(long seed = 0) => Seed = seed;

    /// <summary>The seed of every random choice.</summary>
    public long Seed { get; private set; }

    /// <summary>The layout of the float output.</summary>
    public TensorLayout Layout { get; private set; }

    internal bool HasCrop { get; private set; }

    /// <summary>The zero padding on every side of the image before the random crop (0 without one).</summary>
    public int CropPadding { get; private set; }

    /// <summary>The sizing op (resize, central crop or random resized crop), or null: the images keep their size.</summary>
    public ImageSizing? Sizing { get; private set; }

    internal bool FlipsLeftRight { get; private set; }

    internal bool FlipsUpDown { get; private set; }

    internal float BrightnessMaxDelta { get; private set; }

    internal float ContrastLower { get; private set; } = 1;

    internal float ContrastUpper { get; private set; } = 1;

    internal float SaturationLower { get; private set; } = 1;

    internal float SaturationUpper { get; private set; } = 1;

    internal float HueMaxDelta { get; private set; }

    /// <summary>The value ops in the order they apply (what a device augmenter runs through <see cref="ColorMath"/>).</summary>
    public ReadOnlySpan<ColorOp> ColorOps => _colorOps;

    /// <summary>Whether hue or saturation is in the pipeline (so images go through an HSV scratch pass).</summary>
    public bool HasHsvOps => Array.IndexOf(_colorOps, ColorOp.Hue) >= 0 || Array.IndexOf(_colorOps, ColorOp.Saturation) >= 0;

    /// <summary>A random crop of <paramref name="height"/> x <paramref name="width"/> from the image zero-padded by
    /// <paramref name="padding"/> on every side (tf.image.resize_with_crop_or_pad, then random_crop).</summary>
    /// <param name="height">The crop's rows.</param>
    /// <param name="width">The crop's columns.</param>
    /// <param name="padding">Zero rows and columns added on each side first.</param>
    /// <returns>The pipeline with the crop.</returns>
    public ImageAugmentation RandomCrop(int height, int width, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        return WithCrop(height, width, padding);
    }

    /// <summary>The CIFAR crop: pad by <paramref name="padding"/> on every side, then crop back to the image's size.</summary>
    /// <param name="padding">Zero rows and columns added on each side (4 for CIFAR).</param>
    /// <returns>The pipeline with the crop.</returns>
    public ImageAugmentation RandomCrop(int padding) => WithCrop(null, null, padding);

    /// <summary>
    /// Resizes the whole decoded image to <paramref name="height"/> x <paramref name="width"/>, as
    /// <c>tf.image.resize</c> does (half-pixel centers). For images of varying sizes: see
    /// <see cref="Apply(DecodedImageBatch, long, long, ImageTensor, int)"/>.
    /// </summary>
    /// <param name="height">The output's rows.</param>
    /// <param name="width">The output's columns.</param>
    /// <param name="method">Bilinear (the default), nearest or area.</param>
    /// <param name="antialias">For bilinear: low-pass filter when downsampling (tf.image.resize's <c>antialias=True</c>).</param>
    /// <returns>The pipeline with the resize.</returns>
    public ImageAugmentation Resize(int height, int width, ResizeMethod method = ResizeMethod.Bilinear, bool antialias = false)
    {
        ThrowIfBadSize(height, width, method);
        return WithSizing(new ImageSizing(ImageSizingKind.Resize, height, width, method, antialias));
    }

    /// <summary>
    /// Resizes the image's shorter side to <paramref name="size"/> (the other side to
    /// <c>round(size * long / short)</c>); follow it with <see cref="CenterCrop"/>, the evaluation transform.
    /// </summary>
    /// <param name="size">The shorter side's length after the resize (256 for ImageNet's 224 crop).</param>
    /// <param name="method">Bilinear (the default), nearest or area.</param>
    /// <param name="antialias">For bilinear: low-pass filter when downsampling.</param>
    /// <returns>The pipeline with the resize, waiting for its <see cref="CenterCrop"/>.</returns>
    public ImageAugmentation ResizeShorterSide(int size, ResizeMethod method = ResizeMethod.Bilinear, bool antialias = false)
    {
        ThrowIfBadSize(size, size, method);
        return WithSizing(new ImageSizing(ImageSizingKind.CenterCrop, 0, 0, method, antialias) { ShorterSide = size });
    }

    /// <summary>
    /// The central <paramref name="size"/> x <paramref name="size"/> pixels of the image that
    /// <see cref="ResizeShorterSide"/> resized, at offsets <c>(resized - size) / 2</c> rounded down. Computed as one
    /// resize of the corresponding fractional window of the decoded image, with the two steps' exact result.
    /// </summary>
    /// <param name="size">The crop's side, at most the shorter side's length.</param>
    /// <returns>The pipeline with the crop.</returns>
    public ImageAugmentation CenterCrop(int size)
    {
        if (Sizing is not { Kind: ImageSizingKind.CenterCrop, Height: 0 } resize)
        {
            throw new InvalidOperationException("CenterCrop crops the image ResizeShorterSide resized: call ResizeShorterSide(size) first.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, resize.ShorterSide);
        var copy = Copy();
        copy.Sizing = new ImageSizing(ImageSizingKind.CenterCrop, size, size, resize.Method, resize.Antialias) { ShorterSide = resize.ShorterSide };
        return copy;
    }

    /// <summary>
    /// A random window of each image resized to <paramref name="size"/> x <paramref name="size"/>: the window is
    /// <c>tf.image.sample_distorted_bounding_box</c>'s (an aspect ratio uniform in <paramref name="aspectRatio"/>, an
    /// area in <paramref name="area"/> as TensorFlow's rounding allows, up to <paramref name="maxAttempts"/> tries
    /// that must cover <paramref name="minObjectCovered"/> of one of the record's boxes, or of the image without
    /// boxes; else the whole image), from the seed, the epoch and the image's index alone.
    /// </summary>
    /// <param name="size">The output's side (224 for ImageNet).</param>
    /// <param name="area">The window's area as a fraction of the image's; (0.08, 1) when null.</param>
    /// <param name="aspectRatio">The window's width / height; (3/4, 4/3) when null.</param>
    /// <param name="maxAttempts">Windows tried before the whole image is taken (TensorFlow's default, 100).</param>
    /// <param name="minObjectCovered">The least fraction of a box the window covers (tf.image's default, 0.1).</param>
    /// <param name="method">Bilinear (the default), nearest or area.</param>
    /// <param name="antialias">For bilinear: low-pass filter when downsampling.</param>
    /// <returns>The pipeline with the crop.</returns>
    public ImageAugmentation RandomResizedCrop(
        int size, (float Min, float Max)? area = null, (float Min, float Max)? aspectRatio = null, int maxAttempts = 100,
        float minObjectCovered = 0.1f, ResizeMethod method = ResizeMethod.Bilinear, bool antialias = false)
    {
        ThrowIfBadSize(size, size, method);
        var (minArea, maxArea) = area ?? (0.08f, 1f);
        var (minAspect, maxAspect) = aspectRatio ?? (3f / 4, 4f / 3);
        if (!(minArea > 0) || !(maxArea <= 1) || !(minArea <= maxArea))
        {
            throw new ArgumentOutOfRangeException(nameof(area), $"Expected 0 < min <= max <= 1; got ({minArea}, {maxArea}).");
        }

        if (!(minAspect > 0) || !(minAspect <= maxAspect) || float.IsInfinity(maxAspect))
        {
            throw new ArgumentOutOfRangeException(nameof(aspectRatio), $"Expected 0 < min <= max; got ({minAspect}, {maxAspect}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ThrowIfNegativeOrNaN(minObjectCovered, nameof(minObjectCovered));
        return WithSizing(new ImageSizing(ImageSizingKind.RandomResizedCrop, size, size, method, antialias)
        {
            MinArea = minArea,
            MaxArea = maxArea,
            MinAspectRatio = minAspect,
            MaxAspectRatio = maxAspect,
            MaxAttempts = maxAttempts,
            MinObjectCovered = minObjectCovered,
        });
    }

    /// <summary>
    /// The region of an image (in its full-size pixels) that the sizing op resizes to the output: the whole image
    /// for <see cref="Resize"/>, the fractional central window for <see cref="CenterCrop"/>, the random window for
    /// <see cref="RandomResizedCrop"/>. Depends only on the seed, the epoch, the image's index and its boxes, from a
    /// random stream of its own (the flips' and colours' choices are unchanged by it).
    /// </summary>
    /// <param name="imageHeight">The full image's rows (from its header).</param>
    /// <param name="imageWidth">The full image's columns.</param>
    /// <param name="boxes">The record's <c>image/object/bbox/*</c> boxes; empty when it has none.</param>
    /// <param name="epoch">The epoch, from 0.</param>
    /// <param name="index">The image's index within the epoch.</param>
    /// <returns>The region; map it into the decoded pixels with <see cref="ImageSizing.MapRegion(SourceRegion, CropWindow, SourceRegion)"/> (or its overload for a decoded size).</returns>
    public SourceRegion ChooseRegion(int imageHeight, int imageWidth, ReadOnlySpan<BoundingBox> boxes, long epoch, long index) =>
        RequireSizing().ChooseRegion(imageHeight, imageWidth, boxes, Seed, epoch, index);

    /// <summary>
    /// The whole pixels a decoder must decode for <see cref="ChooseRegion"/>'s region (what
    /// <c>tf.image.decode_and_crop_jpeg</c> takes): the region's pixels, plus for <see cref="CenterCrop"/> the margin
    /// its resampling reads. Decoding more is allowed (the region is then mapped into what was decoded).
    /// </summary>
    /// <param name="imageHeight">The full image's rows (from its header).</param>
    /// <param name="imageWidth">The full image's columns.</param>
    /// <param name="boxes">The record's <c>image/object/bbox/*</c> boxes; empty when it has none.</param>
    /// <param name="epoch">The epoch, from 0.</param>
    /// <param name="index">The image's index within the epoch.</param>
    /// <returns>The window, inside the image.</returns>
    public CropWindow ChooseWindow(int imageHeight, int imageWidth, ReadOnlySpan<BoundingBox> boxes, long epoch, long index) =>
        RequireSizing().ChooseWindow(imageHeight, imageWidth, boxes, Seed, epoch, index);

    /// <summary>Mirrors the columns of half the images (tf.image.random_flip_left_right).</summary>
    /// <returns>The pipeline with the flip.</returns>
    public ImageAugmentation RandomFlipLeftRight()
    {
        ThrowIfPresent(FlipsLeftRight, nameof(RandomFlipLeftRight));
        var copy = Copy();
        copy.FlipsLeftRight = true;
        return copy;
    }

    /// <summary>Mirrors the rows of half the images (tf.image.random_flip_up_down).</summary>
    /// <returns>The pipeline with the flip.</returns>
    public ImageAugmentation RandomFlipUpDown()
    {
        ThrowIfPresent(FlipsUpDown, nameof(RandomFlipUpDown));
        var copy = Copy();
        copy.FlipsUpDown = true;
        return copy;
    }

    /// <summary>Adds a delta uniform in [-maxDelta, maxDelta) to every value (tf.image.random_brightness).</summary>
    /// <param name="maxDelta">The largest delta, on the [0, 1] scale; at least 0.</param>
    /// <returns>The pipeline with the op.</returns>
    public ImageAugmentation RandomBrightness(float maxDelta)
    {
        ThrowIfNegativeOrNaN(maxDelta, nameof(maxDelta));
        var copy = WithColorOp(ColorOp.Brightness, nameof(RandomBrightness));
        copy.BrightnessMaxDelta = maxDelta;
        return copy;
    }

    /// <summary>Scales each channel's distance from its mean by a factor uniform in [lower, upper)
    /// (tf.image.random_contrast: <c>(x - mean) * f + mean</c>).</summary>
    /// <param name="lower">The least factor, at least 0.</param>
    /// <param name="upper">The greatest factor, above <paramref name="lower"/>.</param>
    /// <returns>The pipeline with the op.</returns>
    public ImageAugmentation RandomContrast(float lower, float upper)
    {
        ThrowIfBadRange(lower, upper);
        var copy = WithColorOp(ColorOp.Contrast, nameof(RandomContrast));
        (copy.ContrastLower, copy.ContrastUpper) = (lower, upper);
        return copy;
    }

    /// <summary>Scales the HSV saturation by a factor uniform in [lower, upper), clipped to [0, 1]
    /// (tf.image.random_saturation). Needs 3 channels.</summary>
    /// <param name="lower">The least factor, at least 0.</param>
    /// <param name="upper">The greatest factor, above <paramref name="lower"/>.</param>
    /// <returns>The pipeline with the op.</returns>
    public ImageAugmentation RandomSaturation(float lower, float upper)
    {
        ThrowIfBadRange(lower, upper);
        var copy = WithColorOp(ColorOp.Saturation, nameof(RandomSaturation));
        (copy.SaturationLower, copy.SaturationUpper) = (lower, upper);
        return copy;
    }

    /// <summary>Rotates the HSV hue by a delta uniform in [-maxDelta, maxDelta) turns (tf.image.random_hue).
    /// Needs 3 channels.</summary>
    /// <param name="maxDelta">The largest delta, in [0, 0.5].</param>
    /// <returns>The pipeline with the op.</returns>
    public ImageAugmentation RandomHue(float maxDelta)
    {
        ThrowIfNegativeOrNaN(maxDelta, nameof(maxDelta));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDelta, 0.5f);
        var copy = WithColorOp(ColorOp.Hue, nameof(RandomHue));
        copy.HueMaxDelta = maxDelta;
        return copy;
    }

    /// <summary>Maps each image to zero mean and unit variance over all its values
    /// (tf.image.per_image_standardization: <c>(x - mean) / max(std, 1 / sqrt(N))</c>).</summary>
    /// <returns>The pipeline with the op.</returns>
    public ImageAugmentation PerImageStandardization() => WithColorOp(ColorOp.Standardization, nameof(PerImageStandardization));

    /// <summary>Maps each channel to <c>(x - mean[c]) / std[c]</c>, on the [0, 1] scale (torchvision's Normalize).</summary>
    /// <param name="mean">One mean per channel.</param>
    /// <param name="std">One standard deviation per channel, each above 0.</param>
    /// <returns>The pipeline with the op.</returns>
    public ImageAugmentation Normalize(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length != std.Length || mean.Length is < 1 or > 4)
        {
            throw new ArgumentException($"Normalize takes one mean and one std per channel (1 to 4); got {mean.Length} means and {std.Length} stds.", nameof(std));
        }

        foreach (float s in std)
        {
            if (!(s > 0) || float.IsInfinity(s))
            {
                throw new ArgumentOutOfRangeException(nameof(std), $"Each std must be positive and finite; got {s.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        var copy = WithColorOp(ColorOp.Normalize, nameof(Normalize));
        (copy._mean, copy._std) = (mean.ToArray(), std.ToArray());
        return copy;
    }

    /// <summary>Chooses the float output's layout (the default is <see cref="TensorLayout.Nhwc"/>).</summary>
    /// <param name="layout">NHWC or NCHW.</param>
    /// <returns>The pipeline with the layout.</returns>
    public ImageAugmentation WithLayout(TensorLayout layout)
    {
        if (!Enum.IsDefined(layout))
        {
            throw new ArgumentOutOfRangeException(nameof(layout));
        }

        var copy = Copy();
        copy.Layout = layout;
        return copy;
    }

    /// <summary>Changes the seed of every random choice.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The pipeline with the seed.</returns>
    public ImageAugmentation WithSeed(long seed)
    {
        var copy = Copy();
        copy.Seed = seed;
        return copy;
    }

    /// <summary>
    /// Reads a pipeline from text, ops separated by commas: <c>crop:PAD</c>, <c>flip</c>, <c>flipud</c>,
    /// <c>brightness:DELTA</c>, <c>contrast:LOW-HIGH</c>, <c>saturation:LOW-HIGH</c>, <c>hue:DELTA</c>,
    /// <c>standardize</c>, and the sizing ops <c>resize:HxW</c>, <c>rrc:SIZE</c> (RandomResizedCrop) and
    /// <c>centercrop:SHORTER/CROP</c> (ResizeShorterSide, then CenterCrop); for example
    /// <c>crop:4,flip,brightness:0.2,contrast:0.8-1.2</c> or <c>rrc:224,flip</c>.
    /// </summary>
    /// <param name="text">The ops.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="FormatException">An op or its argument is not understood (the message names it).</exception>
    public static ImageAugmentation Parse(string text, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var augmentation = new ImageAugmentation(seed);
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = item.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? item : item[..colon];
            string? argument = colon < 0 ? null : item[(colon + 1)..];
            try
            {
                augmentation = name.ToUpperInvariant() switch
                {
                    "CROP" => augmentation.RandomCrop(ParseInt(argument, "PAD")),
                    "FLIP" or "FLIPLR" => NoArgument(argument, augmentation.RandomFlipLeftRight()),
                    "FLIPUD" => NoArgument(argument, augmentation.RandomFlipUpDown()),
                    "BRIGHTNESS" => augmentation.RandomBrightness(ParseFloat(argument, "DELTA")),
                    "CONTRAST" => ParseRange(argument) is var (low, high) ? augmentation.RandomContrast(low, high) : augmentation,
                    "SATURATION" => ParseRange(argument) is var (low, high) ? augmentation.RandomSaturation(low, high) : augmentation,
                    "HUE" => augmentation.RandomHue(ParseFloat(argument, "DELTA")),
                    "STANDARDIZE" => NoArgument(argument, augmentation.PerImageStandardization()),
                    "RESIZE" => ParsePair(argument, 'x', "HxW") is var (h, w) ? augmentation.Resize(h, w) : augmentation,
                    "RRC" or "RANDOMRESIZEDCROP" => augmentation.RandomResizedCrop(ParseInt(argument, "SIZE")),
                    "CENTERCROP" => ParsePair(argument, '/', "SHORTER/CROP") is var (s, c) ? augmentation.ResizeShorterSide(s).CenterCrop(c) : augmentation,
                    _ => throw new FormatException(
                        $"unknown op '{name}': expected crop:PAD, flip, flipud, brightness:DELTA, contrast:LOW-HIGH, saturation:LOW-HIGH, hue:DELTA, standardize, resize:HxW, rrc:SIZE or centercrop:SHORTER/CROP"),
                };
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                throw new FormatException($"Augmentation '{item}' in \"{text}\": {exception.Message}", exception);
            }
        }

        return augmentation;
    }

    /// <summary>The shape of one augmented image (the crop's size, the input's channels).</summary>
    /// <param name="input">The stored images' shape.</param>
    /// <returns>The output shape, in HWC terms whatever <see cref="Layout"/>.</returns>
    /// <exception cref="ArgumentException">The pipeline does not fit the input (a crop larger than the padded image,
    /// hue or saturation without 3 channels, a normalization for another channel count).</exception>
    public ImageShape OutputShape(ImageShape input)
    {
        if (Sizing is { Height: 0 })
        {
            throw new InvalidOperationException("ResizeShorterSide needs a CenterCrop after it: the output has one size.");
        }

        if (input.Height < 1 || input.Width < 1 || input.Channels is < 1 or > 4)
        {
            throw new ArgumentException($"Images must have at least one row and column and 1 to 4 channels; got {input}.", nameof(input));
        }

        int height = Sizing?.Height ?? _cropHeight ?? input.Height, width = Sizing?.Width ?? _cropWidth ?? input.Width;
        if (Sizing is null && (height > input.Height + (2 * CropPadding) || width > input.Width + (2 * CropPadding)))
        {
            throw new ArgumentException($"A {height}x{width} crop does not fit {input} images padded by {CropPadding}.", nameof(input));
        }

        if (input.Channels != 3 && HasHsvOps)
        {
            throw new ArgumentException($"Hue and saturation work on RGB images (3 channels); the images are {input}.", nameof(input));
        }

        if (_mean is not null && _mean.Length != input.Channels)
        {
            throw new ArgumentException($"Normalize has {_mean.Length} channel means; the images are {input}.", nameof(input));
        }

        return new ImageShape(height, width, input.Channels);
    }

    /// <summary>
    /// Draws the random choices of images <paramref name="firstImage"/>, <paramref name="firstImage"/> + 1, … of
    /// <paramref name="epoch"/>, one per element of <paramref name="destination"/>. Each image's choices depend only on
    /// the seed, the epoch and its index.
    /// </summary>
    /// <param name="input">The stored images' shape (for the crop's range).</param>
    /// <param name="epoch">The epoch, from 0.</param>
    /// <param name="firstImage">The first image's index within the epoch.</param>
    /// <param name="destination">Receives the parameters.</param>
    public void DrawParameters(ImageShape input, long epoch, long firstImage, Span<AugmentationParameters> destination)
    {
        var output = OutputShape(input);
        // With a sizing op there is no crop to draw, and the draws must not depend on the images' sizes.
        int rowChoices = Sizing is null ? input.Height + (2 * CropPadding) - output.Height + 1 : 1;
        int columnChoices = Sizing is null ? input.Width + (2 * CropPadding) - output.Width + 1 : 1;
        ulong stream = SplitMix64.Derive(Seed, DatasetRandomStream.Augmentation, epoch);
        for (int i = 0; i < destination.Length; i++)
        {
            // Every op draws in a fixed order whether present or not, so adding an op leaves the others' choices as they were.
            var random = SplitMix64.ForItem(stream, firstImage + i);
            int top = random.NextInt32(rowChoices), left = random.NextInt32(columnChoices);
            bool flipLeftRight = (random.NextUInt64() >> 63) != 0, flipUpDown = (random.NextUInt64() >> 63) != 0;
            float brightness = random.NextSingle(), contrast = random.NextSingle(), saturation = random.NextSingle(), hue = random.NextSingle();
            destination[i] = new AugmentationParameters
            {
                CropTop = HasCrop ? top : 0,
                CropLeft = HasCrop ? left : 0,
                FlipLeftRight = FlipsLeftRight && flipLeftRight ? 1 : 0,
                FlipUpDown = FlipsUpDown && flipUpDown ? 1 : 0,
                BrightnessDelta = BrightnessMaxDelta * ((2 * brightness) - 1),
                ContrastFactor = ContrastLower + ((ContrastUpper - ContrastLower) * contrast),
                SaturationFactor = SaturationLower + ((SaturationUpper - SaturationLower) * saturation),
                HueDelta = HueMaxDelta * ((2 * hue) - 1),
            };
        }
    }

    /// <summary>
    /// Augments <c>parameters.Length</c> images into <paramref name="destination"/> on the CPU, in parallel across the
    /// images when <paramref name="maxDegreeOfParallelism"/> allows.
    /// </summary>
    /// <param name="images">The uint8 HWC images, one after another.</param>
    /// <param name="input">Their shape.</param>
    /// <param name="parameters">One set of choices per image (from <see cref="DrawParameters"/>).</param>
    /// <param name="destination">At least <c>parameters.Length * OutputShape(input).Length</c> floats, in <see cref="Layout"/>.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 1 runs in the caller's thread, -1 lets the pool decide.</param>
    public void Apply(ReadOnlySpan<byte> images, ImageShape input, ReadOnlySpan<AugmentationParameters> parameters, Span<float> destination, int maxDegreeOfParallelism = 1)
    {
        if (Sizing is not null)
        {
            throw new InvalidOperationException("A pipeline with a sizing op chooses each image's region from the epoch and index: use Apply(DecodedImageBatch, …) or a dataset's Augment.");
        }

        var output = OutputShape(input);
        int count = parameters.Length;
        if (images.Length < (long)count * input.Length || destination.Length < (long)count * output.Length)
        {
            throw new ArgumentException(
                $"{count} images of {input} need {(long)count * input.Length} bytes and {(long)count * output.Length} floats; got {images.Length} and {destination.Length}.");
        }

        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), "Use -1 (any) or a positive thread count.");
        }

        CpuAugmentation.Run(this, images, input, output, parameters, destination, maxDegreeOfParallelism);
    }

    /// <summary>Creates a float batch for <see cref="Apply(DecodedImageBatch, long, long, ImageTensor, int)"/>.</summary>
    /// <param name="channels">The decoded images' channels (1 or 3).</param>
    /// <param name="capacity">The most images per batch.</param>
    /// <returns>The tensor, to reuse for every batch.</returns>
    public ImageTensor CreateTensor(int channels, int capacity)
    {
        var sizing = RequireSizing();
        var output = OutputShape(new ImageShape(Math.Max(1, sizing.Height), Math.Max(1, sizing.Width), channels));
        return new(output, Layout, capacity, CpuAugmentation.ScratchLength(this, output));
    }

    /// <summary>
    /// The fused CPU path for decoded images of varying sizes: each image's region
    /// (<see cref="DecodedImage.Region"/>) resized to the sizing op's output, then the flips, value ops and
    /// normalization, written into <paramref name="output"/> in <see cref="Layout"/>. Allocates nothing once the
    /// tensor's scratch has grown to the largest image (with <paramref name="maxDegreeOfParallelism"/> 1).
    /// </summary>
    /// <param name="images">The batch's decoded images, each with its region.</param>
    /// <param name="epoch">The batch's epoch, from 0.</param>
    /// <param name="firstImage">The index of the batch's first image within its epoch (image <c>i</c> is <c>firstImage + i</c>).</param>
    /// <param name="output">From <see cref="CreateTensor"/>: receives <c>images.Count</c> images and their <see cref="ImageTensor.Parameters"/>.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 1 (a dataset worker's choice) runs in the caller's thread, -1 lets the pool decide.</param>
    public void Apply(DecodedImageBatch images, long epoch, long firstImage, ImageTensor output, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(output);
        var sizing = RequireSizing();
        var shape = OutputShape(new ImageShape(sizing.Height, sizing.Width, images.Channels));
        if (output.Shape != shape || output.Layout != Layout || output.Capacity < images.Count)
        {
            throw new ArgumentException(
                $"The tensor holds {output.Capacity} images of {output.Shape} in {output.Layout}; this batch needs {images.Count} of {shape} in {Layout} (use CreateTensor).",
                nameof(output));
        }

        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), "Use -1 (any) or a positive thread count.");
        }

        int count = images.Count;
        var parameters = output.ParameterBuffer.AsSpan(0, count);
        DrawParameters(shape, epoch, firstImage, parameters);
        DecodedAugmentation.Run(this, images, parameters, output, maxDegreeOfParallelism);
        output.Count = count;
    }

    /// <inheritdoc/>
    ImageTensor IBatchAugmenter<ImageTensor>.CreateOutput(ImageShape input, int capacity)
    {
        var output = OutputShape(input);
        return new(output, Layout, capacity, CpuAugmentation.ScratchLength(this, output));
    }

    /// <inheritdoc/>
    void IBatchAugmenter<ImageTensor>.Augment(ReadOnlySpan<byte> images, ImageShape input, int count, long epoch, long firstImage, ImageTensor output)
    {
        var parameters = output.ParameterBuffer.AsSpan(0, count);
        DrawParameters(input, epoch, firstImage, parameters);
        if (Sizing is not null)
        {
            DecodedAugmentation.RunFixed(this, images, input, epoch, firstImage, parameters, output);
            output.Count = count;
            return;
        }

        // One thread per batch: the dataset's workers already run batches in parallel.
        CpuAugmentation.Run(this, images, input, output.Shape, parameters, output.Buffer, 1, output.Scratch);
        output.Count = count;
    }

    /// <summary>The <see cref="Normalize"/> op's map, <c>(x - mean) / std</c> per channel (the identity without it).</summary>
    /// <returns>The coefficients <see cref="ColorMath.Compose"/> takes as its normalization.</returns>
    public ColorCoefficients Normalization()
    {
        var k = ColorCoefficients.Uniform(1, 0);
        for (int c = 0; _mean is not null && c < _mean.Length; c++)
        {
            k.Set(c, 1.0 / _std![c], -_mean[c] / (double)_std[c]);
        }

        return k;
    }

    private static T NoArgument<T>(string? argument, T result) =>
        argument is null ? result : throw new FormatException("takes no argument");

    private static int ParseInt(string? text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"expected {what}, a whole number, after ':'");

    private static float ParseFloat(string? text, string what) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value)
            ? value
            : throw new FormatException($"expected {what}, a number, after ':'");

    private static (int First, int Second)? ParsePair(string? text, char separator, string what)
    {
        int at = text is null ? -1 : text.IndexOf(separator, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"expected {what} after ':'");
        }

        return (ParseInt(text![..at], what), ParseInt(text[(at + 1)..], what));
    }

    private static (float Low, float High)? ParseRange(string? text)
    {
        int dash = text is null ? -1 : text.IndexOf('-', 1);
        if (dash < 0)
        {
            throw new FormatException("expected LOW-HIGH after ':', for example 0.8-1.2");
        }

        return (ParseFloat(text![..dash], "LOW"), ParseFloat(text[(dash + 1)..], "HIGH"));
    }

    private static void ThrowIfNegativeOrNaN(float value, string name)
    {
        if (!(value >= 0) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, $"Must be finite and at least 0; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void ThrowIfBadRange(float lower, float upper)
    {
        if (!(lower >= 0) || !(upper > lower) || float.IsInfinity(upper))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), $"Expected 0 <= lower < upper; got {lower.ToString(CultureInfo.InvariantCulture)} and {upper.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void ThrowIfPresent(bool present, string op)
    {
        if (present)
        {
            throw new ArgumentException($"The pipeline already has {op}; each op may appear once.");
        }
    }

    private ImageAugmentation WithCrop(int? height, int? width, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ThrowIfPresent(HasCrop, nameof(RandomCrop));
        if (Sizing is not null)
        {
            throw new ArgumentException("RandomCrop pads and crops fixed-size images; the pipeline already sizes its images.");
        }

        var copy = Copy();
        (copy.HasCrop, copy._cropHeight, copy._cropWidth, copy.CropPadding) = (true, height, width, padding);
        return copy;
    }

    private static void ThrowIfBadSize(int height, int width, ResizeMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method));
        }
    }

    private ImageAugmentation WithSizing(ImageSizing sizing)
    {
        if (Sizing is not null || HasCrop)
        {
            throw new ArgumentException($"The pipeline already has {(HasCrop ? "RandomCrop" : Sizing!.Kind.ToString())}; it takes one sizing op.");
        }

        var copy = Copy();
        copy.Sizing = sizing;
        return copy;
    }

    private ImageSizing RequireSizing() =>
        Sizing ?? throw new InvalidOperationException("The pipeline has no sizing op (Resize, ResizeShorterSide + CenterCrop or RandomResizedCrop).");

    private ImageAugmentation WithColorOp(ColorOp op, string name)
    {
        ThrowIfPresent(Array.IndexOf(_colorOps, op) >= 0, name);
        var copy = Copy();
        copy._colorOps = [.. _colorOps, op];
        return copy;
    }

    private ImageAugmentation Copy() => (ImageAugmentation)MemberwiseClone();
}
