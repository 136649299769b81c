using System.Diagnostics;
using System.Text;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Internal;
using SchemaGen.Conversion.Output;
using SchemaGen.Conversion.Sources;
using SchemaGen.Schema;

namespace SchemaGen.Conversion;

/// <summary>
/// Converts CIFAR-10/100 (python or binary, archive or extracted folder) or a folder of class folders of images into
/// TFRecord shards of tf.train.Example records (<c>image</c> bytes, <c>label</c> int64, CIFAR-100's
/// <c>coarse_label</c>, optionally <c>id</c> and <c>filename</c>), with dataset_info.json beside them.
/// </summary>
/// <remarks>
/// The output depends only on the inputs and the options: the same call gives the same bytes, and the shards of
/// <c>ShardIndex = i, ShardCount = n</c> runs for every i together equal a single run's once <see cref="Finalize"/> has
/// written dataset_info.json (each such job writes its manifest instead). Files are written under
/// temporary names and all renamed into place at the end, so a failed or cancelled run leaves the previous output.
/// A CIFAR archive is inflated on the calling thread while a second one parses its members and writes the splits
/// they complete.
/// </remarks>
/// <example>
/// <code>
/// var result = Converter.Convert(DatasetFormat.Cifar10, "cifar-10-python.tar.gz", "data/cifar10",
///     new ConversionOptions { Shards = 4, Seed = 42 });
/// </code>
/// </example>
public static class Converter
{
    private const int ProgressInterval = 512;

    /// <summary>Converts a dataset.</summary>
    /// <param name="format">What the input is.</param>
    /// <param name="input">The archive, extracted CIFAR folder, or image folder root.</param>
    /// <param name="outputDirectory">Where shards and dataset_info.json go (created if needed): a folder, or an object-storage
    /// prefix such as <c>s3://bucket/out/</c> whose store is registered (the files are made in a temporary folder and uploaded).</param>
    /// <param name="options">How to write; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none. It may be called from another thread than the caller's,
    /// but never from two at once.</param>
    /// <param name="cancellationToken">Stops the conversion between records.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="DatasetFormatException">A source file is damaged or not in the expected format; the message names it.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static ConversionResult Convert(DatasetFormat format, string input, string outputDirectory, ConversionOptions? options = null,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= new ConversionOptions();
        options.Validate(format);
        if (OutputLocation.For(outputDirectory) is not ObjectOutputLocation objects)
        {
            return ConvertInto(format, input, outputDirectory, options, progress, cancellationToken).Result;
        }

        // Object storage: the files are made in a local folder, then uploaded one by one, the manifest or
        // dataset_info.json last, each becoming visible only when its upload completes.
        string local = Path.Combine(Path.GetTempPath(), "schemagen-convert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (result, files) = ConvertInto(format, input, local, options, progress, cancellationToken);
            foreach (var (name, _) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                objects.UploadFile(name, Path.Combine(local, name));
            }

            return result with { DatasetInfoPath = objects.PathOf(Path.GetFileName(result.DatasetInfoPath)) };
        }
        finally
        {
            if (Directory.Exists(local))
            {
                Directory.Delete(local, recursive: true);
            }
        }
    }

    private static (ConversionResult Result, IReadOnlyList<(string Name, long Length)> Files) ConvertInto(DatasetFormat format, string input,
        string outputDirectory, ConversionOptions options, IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        // Raw CIFAR records never touch the image codec: it is made only when images are coded.
        var codec = new Lazy<ImageCodec>(() => new ImageCodec(options.MaxImagePixels, options.JpegQuality));
        using var output = new StagedOutput(outputDirectory, options.ShardCount > 1 ? $"job{options.ShardIndex}-of-{options.ShardCount}" : "");
        using var encoder = new RecordEncoder(options.Encoding, codec, format == DatasetFormat.Cifar100, options.IncludeFileName, options.IncludeId);
        // Splits written while the sources are still being read (CIFAR archives), by layout and name.
        var written = new Dictionary<(CifarLayout, string), SplitSummary>();
        progress?.Report(new ConversionProgress("read", 0, 0));
        var dataset = format == DatasetFormat.ImageFolder
            ? ReadImageFolder(input, codec.Value, options, cancellationToken)
            : ReadCifar(format, input, options, (layout, split, token) =>
                written[(layout, split.Name)] = WriteSplit(split, encoder, output, options, progress, token), cancellationToken);
        using var sources = dataset.Sources;
        output.CreateDirectory();

        var summaries = new List<SplitSummary>();
        foreach (var split in dataset.Splits)
        {
            summaries.Add(dataset.Layout is { } layout && written.TryGetValue((layout, split.Name), out var summary)
                ? summary
                : WriteSplit(split, encoder, output, options, progress, cancellationToken));
        }

        var info = new DatasetInfo(dataset.Name, dataset.SourceFormat, Schema(dataset, options), [Image(dataset, options)], dataset.ClassNames,
            dataset.Splits.Select(split => (split.Name, split.Count)).ToArray(), options, dataset.Digests(), dataset.Skipped);
        byte[] infoBytes = DatasetInfoWriter.Write(info);
        string infoName = DatasetInfoWriter.FileName;
        if (options.ShardCount > 1)
        {
            // One job of several: its manifest, committed last, says what it wrote; Finalize writes dataset_info.json once.
            var manifest = new JobManifest(options.ShardIndex, options.ShardCount, output.StagedFiles(), Encoding.UTF8.GetString(infoBytes));
            infoName = JobManifest.FileName(options.ShardIndex, options.ShardCount);
            infoBytes = manifest.Write();
        }

        using (var file = new FileStream(output.Stage(infoName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            file.Write(infoBytes);
        }

        var files = output.StagedFiles();
        output.Commit();
        return (new ConversionResult(summaries, Path.Combine(outputDirectory, infoName), dataset.Skipped), files);
    }

    /// <summary>
    /// Writes dataset_info.json for a conversion run as several jobs (<see cref="ConversionOptions.ShardCount"/> above
    /// 1), once all have finished: it checks that every job left its manifest (<c>_job-00003-of-00008.json</c>), that all
    /// converted the same inputs with the same options, and that every shard they wrote is in place with the length
    /// written. The file is then the bytes a single run writes. Running it again writes the same file.
    /// </summary>
    /// <param name="outputDirectory">The jobs' output directory, or object-storage prefix.</param>
    /// <param name="jobCount">The jobs' count; null to take it from the manifests (there must be one run's only).</param>
    /// <returns>The path of dataset_info.json.</returns>
    /// <exception cref="InvalidDataException">A job has not finished, the jobs disagree, or a shard was changed; the message says which.</exception>
    /// <exception cref="FileNotFoundException">There is no manifest, or a file a job wrote is gone.</exception>
    public static string Finalize(string outputDirectory, int? jobCount = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (jobCount is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 2, nameof(jobCount));
        }

        return JobFinalizer.Finalize(outputDirectory, jobCount);
    }

    /// <summary>Infers the format from an input's name: <c>cifar-100…</c>, <c>cifar-10…</c>, or a directory of class folders.</summary>
    /// <param name="input">The input path.</param>
    /// <returns>The format, or null when the name does not say.</returns>
    public static DatasetFormat? InferFormat(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(input)).ToLowerInvariant().Replace('_', '-');
        if (name.Contains("cifar-100", StringComparison.Ordinal) || name.Contains("cifar100", StringComparison.Ordinal))
        {
            return DatasetFormat.Cifar100;
        }

        if (name.Contains("cifar-10", StringComparison.Ordinal) || name.Contains("cifar10", StringComparison.Ordinal))
        {
            return DatasetFormat.Cifar10;
        }

        return Directory.Exists(input) ? DatasetFormat.ImageFolder : null;
    }

    private static SplitSummary WriteSplit(SplitSource split, RecordEncoder encoder, StagedOutput output, ConversionOptions options,
        IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int[]? order = options.Seed is { } seed ? DeterministicShuffle.Permutation(split.Count, seed, split.Name) : null;
        long total = 0;
        for (int shard = options.ShardIndex; shard < options.Shards; shard += options.ShardCount)
        {
            total += ShardNaming.Range(split.Count, shard, options.Shards).Length;
        }

        long written = 0, bytes = 0;
        int shards = 0;
        progress?.Report(new ConversionProgress(split.Name, 0, total));
        for (int shard = options.ShardIndex; shard < options.Shards; shard += options.ShardCount)
        {
            var (start, length) = ShardNaming.Range(split.Count, shard, options.Shards);
            bytes += ShardWriter.Write(output, ShardNaming.FileName(split.Name, shard, options.Shards), options.Compression, options.WriteIndex, writer =>
            {
                for (int position = start; position < start + length; position++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    split.Load(order is null ? position : order[position], encoder);
                    encoder.WriteTo(writer);
                    if (++written % ProgressInterval == 0)
                    {
                        progress?.Report(new ConversionProgress(split.Name, written, total));
                    }
                }
            });
            shards++;
        }

        progress?.Report(new ConversionProgress(split.Name, written, total));
        return new SplitSummary(split.Name, split.Count, written, shards, bytes, clock.Elapsed);
    }

    private static LoadedDataset ReadCifar(DatasetFormat format, string input, ConversionOptions options,
        Action<CifarLayout, SplitSource, CancellationToken> writeSplit, CancellationToken cancellationToken)
    {
        bool cifar100 = format == DatasetFormat.Cifar100;
        var container = SourceContainer.Open(input, options.MaxSourceFileLength);
        CifarData data;
        try
        {
            data = CifarReader.Read(container, cifar100,
                (layout, split, batches, token) => writeSplit(layout, new CifarSplitSource(split, batches, options.PixelOrder), token), cancellationToken);
        }
        catch
        {
            container.Dispose();
            throw;
        }

        var classNames = new List<(string, string[])> { ("label", data.ClassNames) };
        if (data.CoarseClassNames is { } coarse)
        {
            classNames.Insert(0, ("coarse_label", coarse));
        }

        return new LoadedDataset(
            cifar100 ? "cifar100" : "cifar10",
            data.Layout.Description,
            [new CifarSplitSource("train", data.Train, options.PixelOrder), new CifarSplitSource("test", data.Test, options.PixelOrder)],
            classNames,
            container.Digests,
            [],
            new ImageSize(32, 32),
            cifar100,
            data.Layout,
            container);
    }

    private static LoadedDataset ReadImageFolder(string input, ImageCodec codec, ConversionOptions options, CancellationToken cancellationToken)
    {
        var source = ImageFolderSource.Scan(input, "train", codec, options, cancellationToken);
        return new LoadedDataset(
            Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(input))),
            "image-folder",
            [source],
            [("label", source.ClassNames)],
            () => source.Digests,
            source.Skipped,
            source.ImageSize,
            HasCoarseLabel: false,
            Layout: null,
            Sources: null);
    }

    private static ExampleSchema Schema(LoadedDataset dataset, ConversionOptions options)
    {
        var features = new List<FeatureSpec>
        {
            new("image", FeatureDType.String, FeatureSpecKind.FixedLen,
                decodeRawShape: options.Encoding == ImageEncoding.Raw && dataset.ImageSize is { } size ? [size.Height, size.Width, 3] : null),
            new("label", FeatureDType.Int64, FeatureSpecKind.FixedLen),
        };
        if (dataset.HasCoarseLabel)
        {
            features.Add(new("coarse_label", FeatureDType.Int64, FeatureSpecKind.FixedLen));
        }

        if (options.IncludeFileName)
        {
            features.Add(new("filename", FeatureDType.String, FeatureSpecKind.FixedLen));
        }

        if (options.IncludeId)
        {
            features.Add(new("id", FeatureDType.String, FeatureSpecKind.FixedLen));
        }

        return new ExampleSchema(dataset.Name, ExampleSchemaKind.Example, features);
    }

    private static ImageFeature Image(LoadedDataset dataset, ConversionOptions options) => new(
        "image",
        options.Encoding.ToString().ToLowerInvariant(),
        dataset.ImageSize is { } size ? [size.Height, size.Width, 3] : null,
        options.Encoding == ImageEncoding.Raw ? options.PixelOrder.ToString().ToLowerInvariant() : "rgb");

    private sealed record LoadedDataset(string Name, string SourceFormat, IReadOnlyList<SplitSource> Splits,
        IReadOnlyList<(string Feature, string[] Names)> ClassNames, Func<IReadOnlyList<SourceDigest>> Digests, IReadOnlyList<SkippedFile> Skipped,
        ImageSize? ImageSize, bool HasCoarseLabel, CifarLayout? Layout, IDisposable? Sources);
}
