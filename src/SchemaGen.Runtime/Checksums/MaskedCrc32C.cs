namespace SchemaGen.Checksums;

/// <summary>
/// The masked CRC-32C that TFRecord stores: <c>((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xA282EAD8</c>.
/// </summary>
/// <remarks>
/// Masking keeps a CRC that is itself checksummed (a CRC of data containing CRCs) from degenerating; TensorFlow's
/// <c>crc32c::Mask</c> and <c>Unmask</c> are the reference.
/// </remarks>
public static class MaskedCrc32C
{
    private const uint MaskDelta = 0xA282EAD8;

    /// <summary>Masks a finished CRC-32C.</summary>
    /// <param name="crc">A CRC from <see cref="Crc32C.Compute"/>.</param>
    /// <returns>The value written to a TFRecord file.</returns>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>Inverts <see cref="Mask"/>.</summary>
    /// <param name="maskedCrc">A masked CRC as read from a TFRecord file.</param>
    /// <returns>The plain CRC-32C.</returns>
    public static uint Unmask(uint maskedCrc)
    {
        uint rotated = maskedCrc - MaskDelta;
        return (rotated >> 17) | (rotated << 15);
    }

    /// <summary>Computes the masked CRC-32C of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to checksum.</param>
    /// <returns><c>Mask(Crc32C.Compute(data))</c>.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Mask(Crc32C.Compute(data));
}
