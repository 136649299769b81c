using System.Text;
using SchemaGen.Augmentation;
using SchemaGen.Imaging;
using SchemaGen.Storage;
using SchemaGen.TensorBoard.Internal;

namespace SchemaGen.TensorBoard;

/// <summary>
/// Writes a TensorBoard event file in a run folder, as <c>tf.summary.create_file_writer</c> does: scalars, images,
/// histograms, text and hyperparameters, each in the form TensorBoard's current plugins read (a tensor with its
/// plugin's metadata).
/// </summary>
/// <remarks>
/// <para>The file is named as TensorFlow's summary file writer names it,
/// <c>events.out.tfevents.&lt;10-digit Unix seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;counter&gt;.v2</c>; its first
/// event holds <c>file_version: "brain.Event:2"</c> with the file name's whole seconds as its wall time, as
/// EventsWriter writes it. Every other event's <c>wall_time</c> is fractional Unix seconds; steps are int64.</para>
/// <para>An add encodes the event into a preallocated slot of a bounded queue and returns; one background thread
/// writes the queue to the file. <see cref="AddScalar(string, float, long)"/> neither allocates nor waits for I/O.
/// The file is flushed within <see cref="SummaryWriterOptions.FlushInterval"/> of an event (so a process that
/// crashes loses at most that interval), on <see cref="Flush"/> and on <see cref="Dispose"/>; a process that exits
/// normally without disposing the writer still flushes it. A full queue blocks the adding thread (see
/// <see cref="SummaryWriterOptions.QueueCapacity"/>). Thread-safe.</para>
/// <para>An I/O error on the background thread is raised, as an <see cref="IOException"/> naming the file, by the
/// next add, flush or dispose.</para>
/// </remarks>
public sealed class SummaryWriter : IDisposable
{
    private const int DefaultBucketCount = 30;

    private readonly EventQueue _queue;
    private readonly string? _localFolder;
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <summary>Creates the run folder if needed and a new event file in it.</summary>
    /// <param name="logDir">
    /// The run folder (TensorBoard's <c>--logdir</c> or a folder under it); or an object-storage folder
    /// (<c>s3://bucket/runs/a</c>, with the store for its scheme registered), where the event file is written in a
    /// local temporary folder and uploaded whole after each flush, as TensorFlow does on GCS and S3.
    /// </param>
    /// <param name="options">How to write; null for TensorFlow's defaults.</param>
    public SummaryWriter(string logDir, SummaryWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDir);
        options ??= new SummaryWriterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 2, nameof(options.QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FlushInterval, TimeSpan.Zero, nameof(options.FlushInterval));
        ArgumentNullException.ThrowIfNull(options.FilenameSuffix, nameof(options.FilenameSuffix));
        _time = options.TimeProvider ?? throw new ArgumentException("The options name no TimeProvider.", nameof(options));

        long seconds = _time.GetUtcNow().ToUnixTimeSeconds();
        string fileName = EventFileName.Create(seconds, options.FilenameSuffix);
        LogDir = logDir;
        if (ObjectUri.TryParse(logDir, out var folder))
        {
            // An object cannot be appended to: the file is written locally and uploaded whole after each flush.
            var target = folder.WithKey(folder.Key.Length == 0 || folder.Key.EndsWith('/') ? folder.Key + fileName : $"{folder.Key}/{fileName}");
            _localFolder = Directory.CreateTempSubdirectory("schemagen-events-").FullName;
            FilePath = target.ToString();
            _queue = new EventQueue(Path.Combine(_localFolder, fileName), options.QueueCapacity, options.FlushInterval, new ObjectMirror(Path.Combine(_localFolder, fileName), target));
        }
        else
        {
            Directory.CreateDirectory(logDir);
            FilePath = Path.Combine(logDir, fileName);
            _queue = new EventQueue(FilePath, options.QueueCapacity, options.FlushInterval);
        }

        Enqueue(SummaryEvents.FileVersion(seconds));
        if (options.ResumeStep is long resumeStep)
        {
            Enqueue(SummaryEvents.SessionStart(WallTime(), resumeStep));
        }

        // EventsWriter flushes the file version at once, so a new file is recognisable from the start.
        _queue.Flush();

        // A writer left undisposed still flushes when the process exits normally.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The run folder.</summary>
    public string LogDir { get; }

    /// <summary>The event file being written (its object address when <see cref="LogDir"/> is one).</summary>
    public string FilePath { get; }

    /// <summary>Adds a scalar as <c>tf.summary.scalar</c> does: a float32 scalar tensor with the "scalars" plugin's
    /// metadata. Allocates nothing and does not wait for I/O (unless the queue is full).</summary>
    /// <param name="tag">The curve's name, for example <c>train/loss</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="step">The step (x axis).</param>
    public void AddScalar(string tag, float value, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var scalar = new ScalarEvent(tag, value, step, WallTime());
        _queue.Add(scalar.Length, scalar, ScalarEvent.Write);
    }

    /// <summary>Adds a scalar; stored as float32, as <c>tf.summary.scalar</c> casts it.</summary>
    /// <param name="tag">The curve's name.</param>
    /// <param name="value">The value, rounded to float32.</param>
    /// <param name="step">The step.</param>
    public void AddScalar(string tag, double value, long step) => AddScalar(tag, (float)value, step);

    /// <summary>Adds one image from uint8 HWC pixels, as PNG.</summary>
    /// <param name="tag">The image's name.</param>
    /// <param name="pixels">The <c>height * width * channels</c> values.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="step">The step.</param>
    public void AddImage(string tag, ReadOnlySpan<byte> pixels, int height, int width, int channels, long step) =>
        AddImages(tag, pixels, new ImageShape(height, width, channels), 1, step, maxImages: 1);

    /// <summary>Adds the first images of a uint8 NHWC batch (for example a fixed-size image column), as
    /// <c>tf.summary.image</c> does: one summary of up to <paramref name="maxImages"/> PNGs.</summary>
    /// <param name="tag">The images' name.</param>
    /// <param name="pixels">The images' values, one after another.</param>
    /// <param name="shape">One image's shape; 1 or 3 channels.</param>
    /// <param name="count">The images in <paramref name="pixels"/>.</param>
    /// <param name="step">The step.</param>
    /// <param name="maxImages">The most images written (3, <c>tf.summary.image</c>'s <c>max_outputs</c>).</param>
    public void AddImages(string tag, ReadOnlySpan<byte> pixels, ImageShape shape, int count, long step, int maxImages = 3)
    {
        CheckImages(tag, count, maxImages);
        AddImageList(tag, ImageSources.FromPixels(pixels, shape, Math.Min(count, maxImages)), step);
    }

    /// <summary>Adds the first images of an augmented float batch (values in [0, 1], NHWC or NCHW) as
    /// <c>tf.summary.image</c> does: converted to uint8 as <c>tf.image.convert_image_dtype</c> with saturation.</summary>
    /// <param name="tag">The images' name.</param>
    /// <param name="images">The batch.</param>
    /// <param name="step">The step.</param>
    /// <param name="maxImages">The most images written (3, as <c>max_outputs</c>).</param>
    public void AddImages(string tag, ImageTensor images, long step, int maxImages = 3)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckImages(tag, images.Count, maxImages);
        AddImageList(tag, ImageSources.FromTensor(images, Math.Min(images.Count, maxImages)), step);
    }

    /// <summary>Adds the first images of a batch of decoded images. Their sizes may differ: the summary's width and
    /// height are the largest, and each PNG keeps its own size.</summary>
    /// <param name="tag">The images' name.</param>
    /// <param name="images">The batch.</param>
    /// <param name="step">The step.</param>
    /// <param name="maxImages">The most images written (3, as <c>max_outputs</c>).</param>
    public void AddImages(string tag, DecodedImageBatch images, long step, int maxImages = 3)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckImages(tag, images.Count, maxImages);
        AddImageList(tag, ImageSources.FromDecoded(images, Math.Min(images.Count, maxImages)), step);
    }

    /// <summary>Adds a batch as one image: its images tiled <paramref name="columns"/> to a row with
    /// <paramref name="padding"/> black pixels between, as torchvision's <c>make_grid</c> does.</summary>
    /// <param name="tag">The grid's name.</param>
    /// <param name="images">The batch (values in [0, 1]).</param>
    /// <param name="step">The step.</param>
    /// <param name="columns">Images per row (8).</param>
    /// <param name="padding">Pixels around and between images (2).</param>
    public void AddImageGrid(string tag, ImageTensor images, long step, int columns = 8, int padding = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckGrid(tag, images.Count, columns, padding);
        AddImageList(tag, [ImageGrid.Tile(ImageSources.FromTensor(images, images.Count), columns, padding)], step);
    }

    /// <summary>Adds a batch of decoded images as one grid image; a cell is as large as the largest image.</summary>
    /// <param name="tag">The grid's name.</param>
    /// <param name="images">The batch.</param>
    /// <param name="step">The step.</param>
    /// <param name="columns">Images per row (8).</param>
    /// <param name="padding">Pixels around and between images (2).</param>
    public void AddImageGrid(string tag, DecodedImageBatch images, long step, int columns = 8, int padding = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckGrid(tag, images.Count, columns, padding);
        AddImageList(tag, [ImageGrid.Tile(ImageSources.FromDecoded(images, images.Count), columns, padding)], step);
    }

    /// <summary>Adds a uint8 NHWC batch as one grid image.</summary>
    /// <param name="tag">The grid's name.</param>
    /// <param name="pixels">The images' values, one after another.</param>
    /// <param name="shape">One image's shape; 1 or 3 channels.</param>
    /// <param name="count">The images in <paramref name="pixels"/>.</param>
    /// <param name="step">The step.</param>
    /// <param name="columns">Images per row (8).</param>
    /// <param name="padding">Pixels around and between images (2).</param>
    public void AddImageGrid(string tag, ReadOnlySpan<byte> pixels, ImageShape shape, int count, long step, int columns = 8, int padding = 2)
    {
        CheckGrid(tag, count, columns, padding);
        AddImageList(tag, [ImageGrid.Tile(ImageSources.FromPixels(pixels, shape, count), columns, padding)], step);
    }

    /// <summary>Adds a histogram as <c>tf.summary.histogram</c> does: <paramref name="buckets"/> equal buckets over
    /// the values' [min, max], a float64 [k, 3] tensor of (left edge, right edge, count) with the "histograms"
    /// plugin's metadata.</summary>
    /// <param name="tag">The histogram's name.</param>
    /// <param name="values">The values (finite).</param>
    /// <param name="step">The step.</param>
    /// <param name="buckets">The buckets (30, TensorBoard's default).</param>
    public void AddHistogram(string tag, ReadOnlySpan<float> values, long step, int buckets = DefaultBucketCount)
    {
        var data = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            data[i] = values[i];
        }

        AddHistogram(tag, data, step, buckets);
    }

    /// <summary>Adds a histogram of float64 values (see the float32 overload).</summary>
    /// <param name="tag">The histogram's name.</param>
    /// <param name="values">The values (finite).</param>
    /// <param name="step">The step.</param>
    /// <param name="buckets">The buckets (30).</param>
    public void AddHistogram(string tag, ReadOnlySpan<double> values, long step, int buckets = DefaultBucketCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfNegative(buckets);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Histogram '{tag}': value {i} is {values[i]}; a histogram's values must be finite.", nameof(values));
            }
        }

        double[] rows = HistogramBuckets.Compute(values, buckets);
        var summary = SummaryEvents.Summary(tag, SummaryEvents.DoubleTensor(rows, buckets, 3), "histograms", []);
        Enqueue(SummaryEvents.Event(WallTime(), step, EventFields.EventSummary, summary));
    }

    /// <summary>Adds text as <c>tf.summary.text</c> does: a scalar string tensor with the "text" plugin's metadata
    /// (TensorBoard renders it as Markdown).</summary>
    /// <param name="tag">The text's name.</param>
    /// <param name="text">The text.</param>
    /// <param name="step">The step.</param>
    public void AddText(string tag, string text, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentNullException.ThrowIfNull(text);
        var summary = SummaryEvents.Summary(tag, SummaryEvents.StringTensor([Encoding.UTF8.GetBytes(text)]), "text", []);
        Enqueue(SummaryEvents.Event(WallTime(), step, EventFields.EventSummary, summary));
    }

    /// <summary>
    /// Records this run's hyperparameters and final metrics for TensorBoard's HParams dashboard, as the hparams
    /// plugin's summary_v2 does: an <c>Experiment</c> naming the hyperparameters (with their types) and metrics, a
    /// <c>SessionStartInfo</c> with the values, each metric as a scalar at <paramref name="step"/>, and a
    /// <c>SessionEndInfo</c> with status SUCCESS. The plugin's own events are at step 0.
    /// </summary>
    /// <param name="hyperparameters">Names and values: bool, string or a number.</param>
    /// <param name="metrics">Metric tags and their final values.</param>
    /// <param name="step">The step the metrics are written at.</param>
    /// <param name="trialId">The session group's name; null for summary_v2's default, the SHA-256 of the values
    /// as sorted JSON, so that runs with the same values form one group.</param>
    public void AddHyperparameters(IReadOnlyDictionary<string, object> hyperparameters, IReadOnlyDictionary<string, double> metrics, long step = 0, string? trialId = null)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(metrics);
        var sorted = HparamValues.Sorted(hyperparameters);
        var metricTags = metrics.Keys.Order(StringComparer.Ordinal).ToList();
        double now = WallTime();
        Enqueue(SummaryEvents.Event(now, 0, EventFields.EventSummary, HparamsEvents.Experiment(sorted, metricTags, now)));
        Enqueue(SummaryEvents.Event(now, 0, EventFields.EventSummary, HparamsEvents.SessionStart(sorted, trialId ?? HparamValues.GroupName(sorted), now)));
        foreach (string metric in metricTags)
        {
            AddScalar(metric, metrics[metric], step);
        }

        double end = WallTime();
        Enqueue(SummaryEvents.Event(end, 0, EventFields.EventSummary, HparamsEvents.SessionEnd(end)));
    }

    /// <summary>Waits until every event added so far is in the file and the file is flushed to the disk.</summary>
    public void Flush() => _queue.Flush();

    /// <summary>Writes what is queued, flushes and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _queue.Dispose();
        if (_localFolder is not null)
        {
            // Reached only when the last upload succeeded: the object holds every event.
            Directory.Delete(_localFolder, recursive: true);
        }
    }

    private static void CheckImages(string tag, int count, int maxImages)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImages, 1);
    }

    private static void CheckGrid(string tag, int count, int columns, int padding)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            Dispose();
        }
        catch (IOException)
        {
            // Nothing is left to report to at exit.
        }
    }

    // tf.summary.image's tensor: [width, height, png...] as strings (decimal ASCII), the largest image's size.
    private void AddImageList(string tag, List<HwcImage> images, long step)
    {
        var values = new List<byte[]>(images.Count + 2);
        int width = images.Max(i => i.Width);
        int height = images.Max(i => i.Height);
        values.Add(Encoding.ASCII.GetBytes(width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        values.Add(Encoding.ASCII.GetBytes(height.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var image in images)
        {
            values.Add(ImageEncoder.EncodePng(image.Pixels.Span, image.Height, image.Width, image.Channels));
        }

        var summary = SummaryEvents.Summary(tag, SummaryEvents.StringTensor(values, values.Count), "images", []);
        Enqueue(SummaryEvents.Event(WallTime(), step, EventFields.EventSummary, summary));
    }

    private void Enqueue(ProtoBuffer e) =>
        _queue.Add(e.Length, e, static (slot, in buffer) =>
        {
            buffer.Written.CopyTo(slot);
            return buffer.Length;
        });

    private double WallTime() =>
        (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
}
