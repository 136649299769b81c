namespace SchemaGen;

/// <summary>Sets how a member of a <see cref="TfExampleAttribute"/> type is stored: its key, shape and default.</summary>
/// <remarks>
/// On a primary-constructor record, target the property: <c>[property: TfFeature("img")]</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TfFeatureAttribute : Attribute
{
    /// <summary>Keys the feature by the member's name in snake_case (<c>ImageData</c> is <c>image_data</c>).</summary>
    public TfFeatureAttribute()
    {
    }

    /// <summary>Keys the feature explicitly.</summary>
    /// <param name="key">The feature key, e.g. <c>"image/encoded"</c>.</param>
    public TfFeatureAttribute(string key)
    {
        Key = key;
    }

    /// <summary>The feature key, or null for the member's name in snake_case.</summary>
    public string? Key { get; }

    /// <summary>
    /// The fixed shape of a list member (TensorFlow's <c>FixedLenFeature(shape)</c>: exactly the product of the
    /// dimensions values), or of a <c>byte[]</c> holding raw uint8 pixels (one bytes value of exactly that many bytes,
    /// decoded by <c>tf.io.decode_raw</c> and reshaped). Without it a list is variable-length.
    /// </summary>
    public int[]? Shape { get; set; }

    /// <summary>
    /// The value used when the feature is missing (TensorFlow's <c>default_value</c>): a constant for a scalar, an
    /// array of the shape's element count for a fixed-shape list.
    /// </summary>
    public object? Default { get; set; }

    /// <summary>
    /// Allows a <c>double</c> member: TensorFlow stores float32, so the value is rounded to <c>float</c> when written.
    /// </summary>
    public bool StoreDoubleAsFloat { get; set; }
}
