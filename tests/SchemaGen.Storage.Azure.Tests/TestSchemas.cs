namespace SchemaGen.Storage.Azure.Tests;

/// <summary>A record that carries its own identity and some bulk, so a test sees which records came and in what order.</summary>
[TfExample]
public partial record Numbered(long Id, byte[] Payload);
