using System.Globalization;
using System.Security.Cryptography;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Internal;
using SchemaGen.Conversion.Output;
using SchemaGen.Imaging;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// <c>root/&lt;class&gt;/**/*.{jpg,jpeg,png,bmp,gif,webp}</c>: classes are the sorted folder names and files are
/// taken in ordinal path order, as <c>tf.keras.utils.image_dataset_from_directory</c> does. <c>*.tga</c> files are
/// listed too, so that they are reported as an unsupported format (SchemaGen.Imaging reads no TGA) rather than left
/// out silently.
/// </summary>
/// <remarks>
/// The scan reads every file once, hashes it and identifies it from its header (size, format, the pixel limit).
/// Which files count as invalid is decided there, so every job of a sharded run agrees on the record numbering; a
/// file whose header is valid but whose body does not decode is an error even with skip-invalid.
/// </remarks>
internal sealed class ImageFolderSource : SplitSource
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga", ".webp" };

    private readonly string _root;
    private readonly List<Entry> _entries;
    private readonly ImageSize? _resize;
    private readonly PixelOrder _order;

    private ImageFolderSource(string root, string split, List<Entry> entries, string[] classNames, ImageSize? resize, ImageSize? uniformSize,
        PixelOrder order, IReadOnlyList<SourceDigest> digests, IReadOnlyList<SkippedFile> skipped)
        : base(split)
    {
        _root = root;
        _entries = entries;
        _resize = resize;
        _order = order;
        ClassNames = classNames;
        ImageSize = resize ?? uniformSize;
        Digests = digests;
        Skipped = skipped;
    }

    public string[] ClassNames { get; }

    /// <summary>The size of every image written, when it is one size (resized, or all the same).</summary>
    public ImageSize? ImageSize { get; }

    public IReadOnlyList<SourceDigest> Digests { get; }

    public IReadOnlyList<SkippedFile> Skipped { get; }

    public override int Count => _entries.Count;

    public static ImageFolderSource Scan(string root, string split, ImageCodec codec, ConversionOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: no such directory.");
        }

        string[] classNames = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classNames.Length == 0)
        {
            throw new DatasetFormatException(root, "no class folders: an image folder holds one folder of images per class");
        }

        var entries = new List<Entry>();
        var digests = new List<SourceDigest>();
        var skipped = new List<SkippedFile>();
        ImageSize? uniform = null;
        bool sizesDiffer = false;
        string? firstFile = null;
        for (int label = 0; label < classNames.Length; label++)
        {
            string classDirectory = Path.Combine(root, classNames[label]);
            var files = Directory.EnumerateFiles(classDirectory, "*", SearchOption.AllDirectories)
                .Where(file => Extensions.Contains(Path.GetExtension(file)))
                .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
                .Order(StringComparer.Ordinal);
            foreach (string relative in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string full = Path.Combine(root, relative);
                byte[] bytes = File.ReadAllBytes(full);
                digests.Add(new SourceDigest(relative, Hex.Lower(SHA256.HashData(bytes))));
                string? problem = codec.Identify(bytes, out int width, out int height);
                if (problem is not null)
                {
                    if (!options.SkipInvalid)
                    {
                        throw new DatasetFormatException(full, problem + " (use skip-invalid to skip such files)");
                    }

                    skipped.Add(new SkippedFile(relative, problem));
                    continue;
                }

                var size = new ImageSize(width, height);
                if (uniform is null)
                {
                    uniform = size;
                    firstFile = relative;
                }
                else if (uniform != size)
                {
                    if (!sizesDiffer && options.Resize is null && options.Encoding == ImageEncoding.Raw)
                    {
                        throw new DatasetFormatException(full,
                            $"the image is {size} but {firstFile} is {uniform}; raw images need one size: resize them or use png or jpeg encoding");
                    }

                    sizesDiffer = true;
                }

                entries.Add(new Entry(relative, label));
            }
        }

        return new ImageFolderSource(root, split, entries, classNames, options.Resize, sizesDiffer ? null : uniform, options.PixelOrder, digests, skipped);
    }

    public override void Load(int index, RecordEncoder encoder)
    {
        var entry = _entries[index];
        string full = Path.Combine(_root, entry.RelativePath);
        try
        {
            var image = encoder.Codec.Decode(File.ReadAllBytes(full), _resize);
            if (encoder.Encoding == ImageEncoding.Raw)
            {
                Span<byte> pixels = encoder.RawImage(image.Pixels.Length);
                image.Pixels.CopyTo(pixels);
                if (_order == PixelOrder.Bgr)
                {
                    for (int i = 0; i < pixels.Length; i += 3)
                    {
                        (pixels[i], pixels[i + 2]) = (pixels[i + 2], pixels[i]);
                    }
                }
            }
            else
            {
                encoder.SetImage(image.Pixels, image.Width, image.Height);
            }
        }
        catch (ImageDecodeException e)
        {
            throw new DatasetFormatException(full, e.Message, e);
        }

        encoder.Label = entry.Label;
        encoder.FileName = entry.RelativePath;
        if (encoder.IncludeId)
        {
            encoder.Id = string.Create(CultureInfo.InvariantCulture, $"{Name}_{index:D5}");
        }
    }

    private readonly record struct Entry(string RelativePath, int Label);
}
