using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using SchemaGen.TensorBoard;
using SchemaGen.Testing;
using Tensorboard;

namespace SchemaGen.Benchmarks;

/// <summary>
/// What logging one scalar costs the training thread: <see cref="SummaryWriter.AddScalar(string, float, long)"/>
/// (encode by hand into a ring slot; a background thread writes the file) against the same event built as a
/// Google.Protobuf message (TensorBoard's own protos) and written synchronously with <see cref="TfRecordWriter"/>,
/// as a writer without a queue does. 1000 scalars per invocation; each iteration starts a new file, so the files stay
/// small (about 20 MB an iteration). Target: AddScalar at most 1 us and 0 B allocated in steady state.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(256)]
[BenchmarkCategory("TensorBoard")]
public class SummaryWriterBenchmarks
{
    private const int Scalars = 1000;
    private static readonly SummaryMetadata ScalarsMetadata = new() { PluginData = new SummaryMetadata.Types.PluginData { PluginName = "scalars" } };
    private TempDirectory? _dir;
    private SummaryWriter? _writer;
    private TfRecordWriter? _records;
    private long _step;

    [IterationSetup(Target = nameof(AddScalar))]
    public void StartSummaryWriter()
    {
        _dir = new TempDirectory();
        _writer = new SummaryWriter(_dir.FullPath);
    }

    [IterationCleanup(Target = nameof(AddScalar))]
    public void StopSummaryWriter()
    {
        _writer!.Dispose();
        _dir!.Dispose();
    }

    [IterationSetup(Target = nameof(ProtobufSynchronous))]
    public void StartRecordWriter()
    {
        _dir = new TempDirectory();
        _records = new TfRecordWriter(_dir.File("events.out.tfevents.peer"));
    }

    [IterationCleanup(Target = nameof(ProtobufSynchronous))]
    public void StopRecordWriter()
    {
        _records!.Dispose();
        _dir!.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Scalars, Description = "Google.Protobuf Event + TfRecordWriter, synchronous")]
    public void ProtobufSynchronous()
    {
        for (int i = 0; i < Scalars; i++)
        {
            long step = _step++;
            var e = new Event
            {
                WallTime = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond,
                Step = step,
                Summary = new Summary
                {
                    Value =
                    {
                        new Summary.Types.Value
                        {
                            Tag = "train/loss",
                            Tensor = new TensorProto
                            {
                                Dtype = DataType.DtFloat,
                                TensorShape = new TensorShapeProto(),
                                TensorContent = ByteString.CopyFrom(BitConverter.GetBytes(1f / (step + 1))),
                            },
                            Metadata = ScalarsMetadata,
                        },
                    },
                },
            };
            _records!.Write(e.CalculateSize(), e, static (span, message) => message.WriteTo(span));
        }
    }

    [Benchmark(OperationsPerInvoke = Scalars, Description = "SummaryWriter.AddScalar (background writer)")]
    public void AddScalar()
    {
        for (int i = 0; i < Scalars; i++)
        {
            long step = _step++;
            _writer!.AddScalar("train/loss", 1f / (step + 1), step);
        }
    }
}
