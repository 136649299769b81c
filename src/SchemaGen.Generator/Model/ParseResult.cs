namespace SchemaGen.Generator.Model;

/// <summary>What the parser made of one declaration: a model to emit (when it is valid) and diagnostics.</summary>
internal readonly record struct ParseResult(TypeToGenerate? Type, EquatableArray<DiagnosticInfo> Diagnostics);
