namespace SchemaGen.Conversion.Internal;

internal static class Hex
{
    public static string Lower(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
