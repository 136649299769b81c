namespace SchemaGen.TensorBoard.Internal;

/// <summary>Field numbers and enum values of TensorFlow's event.proto, summary.proto, tensor.proto and types.proto.</summary>
internal static class EventFields
{
    public const int EventWallTime = 1;
    public const int EventStep = 2;
    public const int EventFileVersion = 3;
    public const int EventSummary = 5;
    public const int EventSessionLog = 7;

    public const int SessionLogStatus = 1;
    public const int SessionLogStart = 1;

    public const int SummaryValue = 1;
    public const int ValueTag = 1;
    public const int ValueTensor = 8;
    public const int ValueMetadata = 9;

    public const int MetadataPluginData = 1;
    public const int PluginDataName = 1;
    public const int PluginDataContent = 2;

    public const int TensorDtype = 1;
    public const int TensorShape = 2;
    public const int TensorContent = 4;
    public const int TensorStringVal = 8;
    public const int ShapeDim = 2;
    public const int DimSize = 1;

    public const int DtFloat = 1;
    public const int DtDouble = 2;
    public const int DtString = 7;
}
