using System.Buffers.Binary;
using Google.Protobuf;
using SchemaGen.Cli.Commands;
using Tensorboard;

namespace SchemaGen.Cli.Scalars;

/// <summary>
/// Reads the scalar curves of TensorBoard runs as TensorBoard's scalars plugin sees them: the legacy
/// <c>simple_value</c> (TF1, PyTorch) and the scalar tensor of <c>tf.summary.scalar</c> (a value whose tag's
/// metadata, on that event or the tag's first, names the "scalars" plugin). A <c>SessionLog</c> START at step s
/// drops the points at s and later that came before it, as TensorBoard purges a resumed run's orphaned steps.
/// </summary>
internal static class EventScalarReader
{
    /// <summary>The runs under <paramref name="path"/>: the folder itself if it holds event files, and every folder
    /// below it that does (as <c>tensorboard --logdir</c> finds runs); or the one event file named.</summary>
    public static List<ScalarRun> ReadRuns(string path)
    {
        if (File.Exists(path))
        {
            return [Read(path, [path])];
        }

        if (!Directory.Exists(path))
        {
            throw new CliException($"{path}: no such file or directory");
        }

        var runs = new List<ScalarRun>();
        foreach (string dir in new[] { path }.Concat(Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)))
        {
            var files = Directory.EnumerateFiles(dir).Where(IsEventFile).Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
            {
                string relative = Path.GetRelativePath(path, dir);
                runs.Add(Read(relative == "." ? path : relative, files));
            }
        }

        return runs.Count > 0 ? runs : throw new CliException($"{path}: no event files (events.out.tfevents.*) in it or below it");
    }

    public static bool IsEventFile(string path) => Path.GetFileName(path).Contains("tfevents", StringComparison.Ordinal);

    private static ScalarRun Read(string name, IReadOnlyList<string> files)
    {
        var curves = new Dictionary<string, List<ScalarPoint>>(StringComparer.Ordinal);
        var plugins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            try
            {
                using var reader = new TfRecordReader(file);
                while (reader.TryReadNext(out var record))
                {
                    Event e;
                    try
                    {
                        e = Event.Parser.ParseFrom(record.Span);
                    }
                    catch (InvalidProtocolBufferException exception)
                    {
                        throw new CliException($"{file}: record {reader.RecordsRead - 1} at {reader.RecordOffset} is not a tensorboard.Event: {exception.Message}", exception);
                    }

                    Add(e, curves, plugins);
                }
            }
            catch (Exception exception) when (FileErrors.IsFileError(exception))
            {
                throw FileErrors.ToCliException(file, exception);
            }
        }

        return new ScalarRun(name, curves);
    }

    private static void Add(Event e, Dictionary<string, List<ScalarPoint>> curves, Dictionary<string, string> plugins)
    {
        if (e.SessionLog?.Status == SessionLog.Types.SessionStatus.Start)
        {
            foreach (var points in curves.Values)
            {
                points.RemoveAll(p => p.Step >= e.Step);
            }

            return;
        }

        if (e.Summary is null)
        {
            return;
        }

        foreach (var value in e.Summary.Value)
        {
            if (value.Metadata?.PluginData is { } pluginData && !plugins.ContainsKey(value.Tag))
            {
                plugins[value.Tag] = pluginData.PluginName;
            }

            double? scalar = value.ValueCase switch
            {
                Summary.Types.Value.ValueOneofCase.SimpleValue => value.SimpleValue,
                Summary.Types.Value.ValueOneofCase.Tensor when plugins.GetValueOrDefault(value.Tag) == "scalars" => ScalarOf(value.Tensor),
                _ => null,
            };
            if (scalar is double v)
            {
                if (!curves.TryGetValue(value.Tag, out var points))
                {
                    curves[value.Tag] = points = [];
                }

                points.Add(new ScalarPoint(e.Step, v, e.WallTime));
            }
        }
    }

    // A one-element tensor, in tensor_content (TensorFlow's writer) or in the typed field (make_tensor_proto).
    private static double? ScalarOf(TensorProto tensor)
    {
        var content = tensor.TensorContent.Span;
        return tensor.Dtype switch
        {
            DataType.DtFloat when content.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(content),
            DataType.DtFloat when tensor.FloatVal.Count == 1 => tensor.FloatVal[0],
            DataType.DtDouble when content.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(content),
            DataType.DtDouble when tensor.DoubleVal.Count == 1 => tensor.DoubleVal[0],
            DataType.DtInt32 when content.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(content),
            DataType.DtInt32 when tensor.IntVal.Count == 1 => tensor.IntVal[0],
            DataType.DtInt64 when content.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(content),
            DataType.DtInt64 when tensor.Int64Val.Count == 1 => tensor.Int64Val[0],
            _ => null,
        };
    }
}
