namespace SchemaGen.Conversion;

/// <summary>What kind of fault a <see cref="DatasetFormatException"/> reports, so tools can map it to their own codes.</summary>
public enum DatasetProblem
{
    /// <summary>The content is not what the format requires (a missing batch, a label out of range, an undecodable image).</summary>
    InvalidContent,

    /// <summary>The archive (tar or tar.gz) cannot be read.</summary>
    CorruptArchive,

    /// <summary>A batch file or archive member ends early.</summary>
    TruncatedBatch,

    /// <summary>A batch's size or array shape is not a whole number of records of the expected size.</summary>
    WrongRecordSize,

    /// <summary>A pickle names code that is not allowed, uses an unsupported opcode or protocol, or does not unpickle.</summary>
    RefusedPickle,
}
