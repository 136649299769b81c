namespace SchemaGen.Storage;

/// <summary>An object was replaced or deleted while it was being read: its version no longer matches.</summary>
public sealed class ObjectChangedException : IOException
{
    /// <summary>Creates the exception for <paramref name="uri"/>.</summary>
    /// <param name="uri">The object's address.</param>
    /// <param name="offset">The byte offset the read had reached.</param>
    /// <param name="innerException">The store's error (a failed precondition), if any.</param>
    public ObjectChangedException(ObjectUri uri, long offset, Exception? innerException = null)
        : base($"{uri}: the object changed while it was being read (at offset {offset}); read it again from the start.", innerException)
    {
        Uri = uri;
        Offset = offset;
    }

    /// <summary>The object's address.</summary>
    public ObjectUri Uri { get; }

    /// <summary>The byte offset the read had reached.</summary>
    public long Offset { get; }
}
