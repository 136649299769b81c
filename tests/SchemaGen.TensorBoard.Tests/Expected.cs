using Google.Protobuf;

namespace SchemaGen.TensorBoard.Tests;

/// <summary>The messages TensorFlow's summary ops write, built with TensorBoard's own classes.</summary>
internal static class Expected
{
    public static Summary.Types.Value Value(string tag, TensorProto tensor, string plugin, ByteString? content = null) => new()
    {
        Tag = tag,
        Tensor = tensor,
        Metadata = new SummaryMetadata
        {
            PluginData = new SummaryMetadata.Types.PluginData { PluginName = plugin, Content = content ?? ByteString.Empty },
        },
    };

    public static Event Event(double wallTime, long step, Summary.Types.Value value) => new()
    {
        WallTime = wallTime,
        Step = step,
        Summary = new Summary { Value = { value } },
    };

    public static TensorProto Tensor(DataType dtype, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long size in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dim { Size = size });
        }

        return new TensorProto { Dtype = dtype, TensorShape = shape };
    }

    public static TensorProto FloatScalar(float value)
    {
        var tensor = Tensor(DataType.DtFloat);
        tensor.TensorContent = ByteString.CopyFrom(BitConverter.GetBytes(value));
        return tensor;
    }
}
