namespace SchemaGen.Build.Diagnostics;

/// <summary>
/// The <c>SCHEMA1xx</c> errors of the build step, in one place. The task reports the ones it can see before starting
/// the converter (missing input, bad metadata, no converter) and its own file failures after it (stale files, the
/// stamp); <c>schemagen convert --msbuild</c> reports the rest as canonical error lines, which the task turns into
/// MSBuild errors. This file is compiled into both.
/// </summary>
internal static class BuildErrors
{
    /// <summary>The TfRecordDataset's Include names no file or folder.</summary>
    public const string MissingInput = "SCHEMA101";

    /// <summary>The format is neither given nor inferable from the name (cifar-10…, cifar-100…, or a folder).</summary>
    public const string UnknownFormat = "SCHEMA102";

    /// <summary>The tar or tar.gz archive cannot be read.</summary>
    public const string CorruptArchive = "SCHEMA103";

    /// <summary>A batch file or archive member ends early.</summary>
    public const string TruncatedBatch = "SCHEMA104";

    /// <summary>A batch is not a whole number of records of the expected size, or its array has the wrong shape.</summary>
    public const string WrongRecordSize = "SCHEMA105";

    /// <summary>A pickle was refused: a global other than numpy's array reconstructors, an unsupported opcode or protocol.</summary>
    public const string RefusedPickle = "SCHEMA106";

    /// <summary>The dataset's content is not what its format requires (missing batch, label out of range, undecodable image).</summary>
    public const string InvalidContent = "SCHEMA107";

    /// <summary>A metadata value of the TfRecordDataset item is not valid (Shards, Encoding, PixelOrder, Seed, Index, Compression, Format).</summary>
    public const string InvalidMetadata = "SCHEMA108";

    /// <summary>The output folder or a file in it cannot be written, a file of the previous conversion cannot be deleted, or the stamp cannot be read or written.</summary>
    public const string OutputNotWritable = "SCHEMA109";

    /// <summary>The converter could not be started, or failed in an unexpected way.</summary>
    public const string ConverterFailed = "SCHEMA110";

    /// <summary>An MSBuild canonical error line: <c>origin: error SCHEMA1xx: message</c> (clickable in IDEs and CI logs).</summary>
    public static string CanonicalLine(string origin, string code, string message) =>
        origin + ": error " + code + ": " + message.Replace('\r', ' ').Replace('\n', ' ');
}
