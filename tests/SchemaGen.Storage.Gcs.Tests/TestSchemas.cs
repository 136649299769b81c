namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>A record that carries its own identity, so a test sees which records came and in what order.</summary>
[TfExample]
public partial record Numbered(long Id, byte[] Payload);
