namespace SchemaGen.TensorBoard.Internal;

/// <summary>Builds the events other than scalars with <see cref="ProtoBuffer"/>: a summary value of a tensor and
/// its plugin's metadata, wrapped in an event.</summary>
internal static class SummaryEvents
{
    public static ProtoBuffer Event(double wallTime, long step, int field, ProtoBuffer payload)
    {
        var e = new ProtoBuffer();
        e.Double(EventFields.EventWallTime, wallTime);
        if (step != 0)
        {
            e.Varint(EventFields.EventStep, (ulong)step);
        }

        e.Message(field, payload);
        return e;
    }

    public static ProtoBuffer FileVersion(double wallTime)
    {
        var e = new ProtoBuffer();
        e.Double(EventFields.EventWallTime, wallTime);
        e.String(EventFields.EventFileVersion, "brain.Event:2");
        return e;
    }

    public static ProtoBuffer SessionStart(double wallTime, long step)
    {
        var log = new ProtoBuffer();
        log.Varint(EventFields.SessionLogStatus, EventFields.SessionLogStart);
        return Event(wallTime, step, EventFields.EventSessionLog, log);
    }

    /// <summary>A <c>Summary</c> of one value: tag, tensor, metadata naming the plugin (content only if any).</summary>
    public static ProtoBuffer Summary(string tag, ProtoBuffer tensor, string pluginName, ReadOnlySpan<byte> content)
    {
        var pluginData = new ProtoBuffer();
        pluginData.String(EventFields.PluginDataName, pluginName);
        if (!content.IsEmpty)
        {
            pluginData.Bytes(EventFields.PluginDataContent, content);
        }

        var metadata = new ProtoBuffer();
        metadata.Message(EventFields.MetadataPluginData, pluginData);

        var value = new ProtoBuffer();
        value.String(EventFields.ValueTag, tag);
        value.Message(EventFields.ValueTensor, tensor);
        value.Message(EventFields.ValueMetadata, metadata);

        var summary = new ProtoBuffer();
        summary.Message(EventFields.SummaryValue, value);
        return summary;
    }

    /// <summary>A string tensor as TensorFlow writes one (<c>string_val</c>, not <c>tensor_content</c>).</summary>
    public static ProtoBuffer StringTensor(IReadOnlyList<byte[]> values, params ReadOnlySpan<long> dims)
    {
        var tensor = Header(EventFields.DtString, dims);
        foreach (byte[] value in values)
        {
            tensor.Bytes(EventFields.TensorStringVal, value);
        }

        return tensor;
    }

    /// <summary>A float64 tensor as TensorFlow writes one: its values little-endian in <c>tensor_content</c>.</summary>
    public static ProtoBuffer DoubleTensor(ReadOnlySpan<double> values, params ReadOnlySpan<long> dims)
    {
        var tensor = Header(EventFields.DtDouble, dims);
        if (!values.IsEmpty)
        {
            var content = tensor.Reserve(EventFields.TensorContent, values.Length * sizeof(double));
            for (int i = 0; i < values.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(content[(i * sizeof(double))..], values[i]);
            }
        }

        return tensor;
    }

    /// <summary>An empty float tensor of shape [0]: the hparams plugin's placeholder (its <c>NULL_TENSOR</c>).</summary>
    public static ProtoBuffer EmptyFloatTensor() => Header(EventFields.DtFloat, [0]);

    private static ProtoBuffer Header(int dtype, ReadOnlySpan<long> dims)
    {
        var shape = new ProtoBuffer();
        foreach (long size in dims)
        {
            var dim = new ProtoBuffer();
            if (size != 0)
            {
                dim.Varint(EventFields.DimSize, (ulong)size);
            }

            shape.Message(EventFields.ShapeDim, dim);
        }

        var tensor = new ProtoBuffer();
        tensor.Varint(EventFields.TensorDtype, (ulong)dtype);
        tensor.Message(EventFields.TensorShape, shape);
        return tensor;
    }
}
