namespace SchemaGen.Fuzz.Targets;

/// <summary>A schema every Example fits (one optional feature), so datasets read whatever framing lets through.</summary>
[TfExample]
public partial record AnyRecord(long? Id);
