using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace SchemaGen.TensorBoard.Tests;

public sealed class SummaryWriterTests
{
    // 2026-12-06T07:30:00.123Z
    private const long Millis = 1_796_542_200_123;
    private const double WallTime = 1796542200.123;

    [Fact]
    public void The_file_is_named_as_TensorFlows_summary_writer_names_it_and_starts_with_the_file_version()
    {
        using var dir = new TempDirectory();
        string first;
        string second;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = new FakeClock(Millis) }))
        using (var other = new SummaryWriter(dir.File("other"), new SummaryWriterOptions { TimeProvider = new FakeClock(Millis), FilenameSuffix = "run" }))
        {
            first = Path.GetFileName(writer.FilePath);
            second = Path.GetFileName(other.FilePath);
            Assert.Equal(dir.FullPath, Path.GetDirectoryName(writer.FilePath));
        }

        string host = Regex.Escape(Dns.GetHostName());
        var a = Regex.Match(first, $@"^events\.out\.tfevents\.1796542200\.{host}\.{Environment.ProcessId}\.(\d+)\.v2$");
        var b = Regex.Match(second, $@"^events\.out\.tfevents\.1796542200\.{host}\.{Environment.ProcessId}\.(\d+)\.run$");
        Assert.True(a.Success, first);
        Assert.True(b.Success, second);
        Assert.True(long.Parse(b.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(a.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "the per-process counter counts up");

        var events = EventFiles.Read(Path.Combine(dir.FullPath, first));
        var version = Assert.Single(events);
        Assert.Equal(new Event { WallTime = 1796542200, FileVersion = "brain.Event:2" }, version);
    }

    [Fact]
    public void The_10_digit_seconds_are_zero_padded()
    {
        using var dir = new TempDirectory();
        using var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = new FakeClock(123_456_789_000) });
        Assert.StartsWith("events.out.tfevents.0123456789.", Path.GetFileName(writer.FilePath));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5_000_000_000L)]
    [InlineData(long.MaxValue)]
    [InlineData(-3L)]
    public void A_scalar_is_the_float32_tensor_tf_summary_scalar_writes(long step)
    {
        using var dir = new TempDirectory();
        string path;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = new FakeClock(Millis) }))
        {
            writer.AddScalar("train/loss", 0.6931472f, step);
            writer.AddScalar("ünïcode/accuracy", 0.1, step);
            path = writer.FilePath;
        }

        var records = EventFiles.Records(path);
        Assert.Equal(3, records.Count);
        var expected = new[]
        {
            Expected.Event(WallTime, step, Expected.Value("train/loss", Expected.FloatScalar(0.6931472f), "scalars")),
            Expected.Event(WallTime, step, Expected.Value("ünïcode/accuracy", Expected.FloatScalar((float)0.1), "scalars")),
        };
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i], Event.Parser.ParseFrom(records[i + 1]));
            // Byte for byte what protoc's serializer writes: fields in number order, proto3 defaults left out.
            Assert.Equal(expected[i].ToByteArray(), records[i + 1]);
        }
    }

    [Fact]
    public void Wall_times_are_fractional_unix_seconds_from_the_clock()
    {
        using var dir = new TempDirectory();
        var clock = new FakeClock(Millis);
        string path;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = clock }))
        {
            clock.Now = clock.Now.AddTicks(4_567_891);
            writer.AddScalar("x", 1f, 7);
            path = writer.FilePath;
        }

        Assert.Equal(1796542200.5797891, EventFiles.Read(path)[1].WallTime, 7);
    }

    [Fact]
    public void A_histogram_has_TensorFlows_default_30_equal_buckets_over_min_max()
    {
        var random = new Random(5);
        float[] values = Enumerable.Range(0, 1000).Select(_ => (float)((random.NextDouble() * 6) - 2)).ToArray();
        values[17] = -2.5f;
        values[400] = 4.25f;
        var tensor = WriteOne(w => w.AddHistogram("weights", values, 3)).Summary.Value[0];

        // TensorBoard's histogram summary_v2 _buckets, in float64: edges linspace(min, max, 31) with the last max;
        // index floor((x - min) / ((max - min) / 30)) clamped to 29.
        double[] data = values.Select(v => (double)v).ToArray();
        double min = data.Min(), max = data.Max(), width = (max - min) / 30;
        var counts = new double[30];
        foreach (double x in data)
        {
            counts[Math.Min((int)Math.Floor((x - min) / width), 29)]++;
        }

        var expected = Expected.Tensor(DataType.DtDouble, 30, 3);
        var content = new byte[30 * 3 * 8];
        for (int i = 0; i < 30; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(i * 24), min + (i * width));
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan((i * 24) + 8), i == 29 ? max : min + ((i + 1) * width));
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan((i * 24) + 16), counts[i]);
        }

        expected.TensorContent = ByteString.CopyFrom(content);
        Assert.Equal(Expected.Value("weights", expected, "histograms"), tensor);
        Assert.Equal(1000, counts.Sum());
        Assert.Equal(-2.5, BinaryPrimitives.ReadDoubleLittleEndian(tensor.Tensor.TensorContent.Span));
        Assert.Equal(4.25, BinaryPrimitives.ReadDoubleLittleEndian(tensor.Tensor.TensorContent.Span[(29 * 24 + 8)..]));
    }

    [Fact]
    public void A_histogram_of_one_repeated_value_puts_it_all_in_the_last_bucket_and_of_nothing_is_zeros()
    {
        var single = WriteOne(w => w.AddHistogram("c", new double[] { 2.5, 2.5, 2.5 }, 1, buckets: 4)).Summary.Value[0].Tensor;
        double[] rows = Doubles(single.TensorContent);
        Assert.Equal(new double[] { 2.5, 2.5, 0, 2.5, 2.5, 0, 2.5, 2.5, 0, 2.5, 2.5, 3 }, rows);
        Assert.Equal(Expected.Tensor(DataType.DtDouble, 4, 3).TensorShape, single.TensorShape);

        var empty = WriteOne(w => w.AddHistogram("e", ReadOnlySpan<double>.Empty, 1, buckets: 2)).Summary.Value[0].Tensor;
        Assert.Equal(new double[6], Doubles(empty.TensorContent));
    }

    [Fact]
    public void A_histogram_refuses_non_finite_values()
    {
        using var dir = new TempDirectory();
        using var writer = new SummaryWriter(dir.FullPath);
        var error = Assert.Throws<ArgumentException>(() => writer.AddHistogram("h", new[] { 1f, float.NaN }, 0));
        Assert.Contains("value 1", error.Message);
    }

    [Fact]
    public void Text_is_a_scalar_string_tensor_for_the_text_plugin()
    {
        var e = WriteOne(w => w.AddText("notes", "**lr** = 0.1 — ok", 12));
        var tensor = Expected.Tensor(DataType.DtString);
        tensor.StringVal.Add(ByteString.CopyFromUtf8("**lr** = 0.1 — ok"));
        Assert.Equal(Expected.Event(WallTime, 12, Expected.Value("notes", tensor, "text")), e);
    }

    [Fact]
    public void An_image_is_width_height_and_a_png_of_the_same_pixels()
    {
        var pixels = new byte[5 * 7 * 3];
        new Random(1).NextBytes(pixels);
        var value = WriteOne(w => w.AddImage("sample", pixels, 5, 7, 3, 2)).Summary.Value[0];

        Assert.Equal("sample", value.Tag);
        Assert.Equal("images", value.Metadata.PluginData.PluginName);
        Assert.True(value.Metadata.PluginData.Content.IsEmpty);
        Assert.Equal(DataType.DtString, value.Tensor.Dtype);
        Assert.Equal(3, Assert.Single(value.Tensor.TensorShape.Dim).Size);
        Assert.Equal("7", value.Tensor.StringVal[0].ToStringUtf8());
        Assert.Equal("5", value.Tensor.StringVal[1].ToStringUtf8());
        var png = PngPicture.Decode(value.Tensor.StringVal[2].ToByteArray());
        Assert.Equal((7, 5), (png.Width, png.Height));
        Assert.Equal(pixels, png.Rgb);
    }

    [Fact]
    public void A_float_batch_becomes_uint8_as_convert_image_dtype_saturates_it_and_at_most_max_images_are_written()
    {
        var batch = new DecodedImageBatch(capacity: 4, channels: 3);
        for (int i = 0; i < 4; i++)
        {
            batch.Add(2, 3, new SourceRegion(0, 0, 3, 2)).Fill((byte)(i * 60));
        }

        var augmentation = new ImageAugmentation().Resize(2, 3).WithLayout(TensorLayout.Nchw);
        var tensor = augmentation.CreateTensor(3, 4);
        augmentation.Apply(batch, 0, 0, tensor);
        Span<float> values = tensor.Span;
        float[] specials = [-0.5f, 0f, 0.001f, 0.5f, 0.998f, 1f, 1.5f, float.NaN];
        specials.CopyTo(values);
        float[] nchw = values.ToArray();

        var value = WriteOne(w => w.AddImages("batch", tensor, 9, maxImages: 3)).Summary.Value[0];

        Assert.Equal(5, value.Tensor.TensorShape.Dim[0].Size);
        Assert.Equal(5, value.Tensor.StringVal.Count);
        for (int n = 0; n < 3; n++)
        {
            var png = PngPicture.Decode(value.Tensor.StringVal[2 + n].ToByteArray());
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 3; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        // tf.image.convert_image_dtype(saturate=True): saturate_cast(x * 255.5) to uint8.
                        double scaled = nchw[(n * 18) + (c * 6) + (y * 3) + x] * 255.5f;
                        byte expected = double.IsNaN(scaled) ? (byte)0 : (byte)Math.Clamp(Math.Truncate(scaled), 0, 255);
                        Assert.Equal(expected, png.Rgb[(((y * 3) + x) * 3) + c]);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_grid_tiles_the_images_with_padding_as_make_grid_does()
    {
        var batch = new DecodedImageBatch(capacity: 3, channels: 3);
        batch.Add(2, 2, new SourceRegion(0, 0, 2, 2)).Fill(10);
        batch.Add(3, 1, new SourceRegion(0, 0, 1, 3)).Fill(20);
        batch.Add(1, 2, new SourceRegion(0, 0, 2, 1)).Fill(30);

        var value = WriteOne(w => w.AddImageGrid("grid", batch, 0, columns: 2, padding: 1)).Summary.Value[0];

        // Cells of 3x2 (the largest height and width), 2 to a row: (2 * (2 + 1) + 1) x (2 * (3 + 1) + 1).
        Assert.Equal(3, value.Tensor.StringVal.Count);
        Assert.Equal("7", value.Tensor.StringVal[0].ToStringUtf8());
        Assert.Equal("9", value.Tensor.StringVal[1].ToStringUtf8());
        var png = PngPicture.Decode(value.Tensor.StringVal[2].ToByteArray());
        Assert.Equal((7, 9), (png.Width, png.Height));
        var expected = new byte[9, 7];
        for (int y = 0; y < 2; y++) { for (int x = 0; x < 2; x++) { expected[1 + y, 1 + x] = 10; } }
        for (int y = 0; y < 3; y++) { expected[1 + y, 4] = 20; }
        for (int x = 0; x < 2; x++) { expected[5, 1 + x] = 30; }
        for (int y = 0; y < 9; y++)
        {
            for (int x = 0; x < 7; x++)
            {
                Assert.Equal(new RgbPixel(expected[y, x], expected[y, x], expected[y, x]), png[x, y]);
            }
        }
    }

    [Fact]
    public void A_resumed_run_writes_a_session_log_start_at_its_step()
    {
        using var dir = new TempDirectory();
        string path;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = new FakeClock(Millis), ResumeStep = 500 }))
        {
            writer.AddScalar("loss", 1f, 501);
            path = writer.FilePath;
        }

        var events = EventFiles.Read(path);
        Assert.Equal(3, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(new Event { WallTime = WallTime, Step = 500, SessionLog = new SessionLog { Status = SessionLog.Types.SessionStatus.Start } }, events[1]);
        Assert.Equal(501, events[2].Step);
    }

    [Fact]
    public void Events_wait_for_the_interval_and_flush_puts_them_in_the_file_while_the_writer_is_open()
    {
        using var dir = new TempDirectory();
        using var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { FlushInterval = TimeSpan.FromHours(1) });

        // The file version is flushed at once, as EventsWriter does; a scalar waits for the hour or a flush.
        writer.AddScalar("loss", 2f, 1);
        Assert.Single(EventFiles.Read(writer.FilePath));
        writer.Flush();
        var events = EventFiles.Read(writer.FilePath);
        Assert.Equal(2, events.Count);
        Assert.Equal(2f, BitConverter.ToSingle(events[1].Summary.Value[0].Tensor.TensorContent.Span));
    }

    [Fact]
    public void An_interval_flush_reaches_the_file_without_flush_or_dispose()
    {
        using var dir = new TempDirectory();
        using var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
        writer.AddScalar("loss", 3f, 1);
        writer.AddScalar("loss", 4f, 2);

        // What a crash after the interval would leave: read the file the live writer has open, never disposing it.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        List<Event> events;
        while ((events = EventFiles.Read(writer.FilePath)).Count < 3 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal([0L, 1L, 2L], events.Select(e => e.Step));
    }

    [Fact]
    public void A_full_queue_blocks_the_adder_and_loses_nothing_with_many_threads()
    {
        using var dir = new TempDirectory();
        string path;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { QueueCapacity = 2 }))
        {
            Parallel.For(0, 4, t =>
            {
                for (int i = 0; i < 500; i++)
                {
                    writer.AddScalar($"thread{t}", i, i);
                }
            });
            path = writer.FilePath;
        }

        var events = EventFiles.Read(path).Skip(1).ToList();
        Assert.Equal(2000, events.Count);
        for (int t = 0; t < 4; t++)
        {
            var steps = events.Where(e => e.Summary.Value[0].Tag == $"thread{t}").Select(e => e.Step).ToList();
            Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), steps);
        }
    }

    [Fact]
    public void Adding_after_dispose_is_refused_and_a_log_dir_that_is_a_file_names_it()
    {
        using var dir = new TempDirectory();
        var writer = new SummaryWriter(dir.FullPath);
        writer.Dispose();
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.AddScalar("x", 1f, 0));

        File.WriteAllText(dir.File("plain"), "");
        var error = Assert.ThrowsAny<IOException>(() => new SummaryWriter(dir.File("plain")));
        Assert.Contains("plain", error.Message);
    }

    private static Event WriteOne(Action<SummaryWriter> add)
    {
        using var dir = new TempDirectory();
        string path;
        using (var writer = new SummaryWriter(dir.FullPath, new SummaryWriterOptions { TimeProvider = new FakeClock(Millis) }))
        {
            add(writer);
            path = writer.FilePath;
        }

        var events = EventFiles.Read(path);
        Assert.Equal(2, events.Count);
        Assert.Equal(WallTime, events[1].WallTime);
        return events[1];
    }

    private static double[] Doubles(ByteString content)
    {
        var values = new double[content.Length / 8];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(content.Span[(i * 8)..]);
        }

        return values;
    }
}
