namespace SchemaGen.Generator.Tests.Types;

/// <summary>Positional members left out with [TfIgnore]: parsing passes the declared default, or default without one.</summary>
[TfExample]
public partial record Reading(long Label, [property: TfIgnore] DateTime When, [TfIgnore] string Note = "unread");
