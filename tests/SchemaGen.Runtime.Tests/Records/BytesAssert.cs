namespace SchemaGen.Runtime.Tests.Records;

/// <summary>Byte comparisons that stay fast for megabyte arrays and say where they differ.</summary>
internal static class BytesAssert
{
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.SequenceEqual(actual))
        {
            return;
        }

        int at = expected.CommonPrefixLength(actual);
        Assert.Fail($"Bytes differ at {at} (expected length {expected.Length}, actual {actual.Length}).");
    }

    public static void Equal(IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"record {i} differs");
        }
    }
}
