namespace SchemaGen.Conversion.Pickle;

/// <summary>A numpy integer scalar (<c>numpy.int64(3)</c>), as <c>numpy.core.multiarray.scalar(dtype, bytes)</c> pickles it.</summary>
internal sealed record NumpyScalar(long Value);
