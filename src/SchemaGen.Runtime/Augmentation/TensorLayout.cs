namespace SchemaGen.Augmentation;

/// <summary>The order of an augmented float batch's dimensions.</summary>
public enum TensorLayout
{
    /// <summary>Images, rows, columns, channels: TensorFlow's layout (the stored HWC rows, as floats).</summary>
    Nhwc,

    /// <summary>Images, channels, rows, columns: the planes PyTorch and TorchSharp models take.</summary>
    Nchw,
}
