namespace SchemaGen.Records;

/// <summary>What reading one frame gave (<see cref="FrameReader.Read"/>).</summary>
internal enum FrameOutcome
{
    Record,
    EndOfData,

    // The data checksum failed; the verified length still leads to the next record.
    BadData,

    // The framing is lost (or the input ended): nothing after this point can be trusted.
    Broken,
}
