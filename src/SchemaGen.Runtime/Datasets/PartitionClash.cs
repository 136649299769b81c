using SchemaGen.Examples;

namespace SchemaGen.Datasets;

/// <summary>
/// Finds a feature of a record that has the name of a partition column. Spark leaves partition columns out of the
/// files it writes, so such a record was not written by Spark's partitionBy, and merging the folder's value over
/// the record's would hide one of them.
/// </summary>
internal static class PartitionClash
{
    /// <summary>The clashing column's index, or -1; <paramref name="record"/> is the record without the appended values.</summary>
    public static int Find(ReadOnlySpan<byte> record, byte[][] columns)
    {
        // Example.features and SequenceExample.context (field 1), SequenceExample.feature_lists (field 2).
        int found = Find(record, WireFormat.Field1Delimited, columns);
        if (found >= 0)
        {
            return found;
        }

        try
        {
            return Find(record, WireFormat.Field2Delimited, columns);
        }
        catch (ExampleFormatException)
        {
            // An Example has no field 2 of its own; an unknown one that is no map is none of this check's business.
            return -1;
        }
    }

    private static int Find(ReadOnlySpan<byte> record, byte mapTag, byte[][] columns)
    {
        var walker = new MapEntryWalker(record, mapTag);
        while (walker.MoveNext())
        {
            var key = walker.Key;
            for (int i = 0; i < columns.Length; i++)
            {
                if (key.SequenceEqual(columns[i]))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
