namespace SchemaGen.Cli.Scalars;

/// <summary>A run (a folder of event files) and its scalar curves by tag, in the order the tags first appear.</summary>
/// <param name="Name">The run's folder, as given or relative to the folder given.</param>
/// <param name="Curves">Each tag's points in file order.</param>
internal sealed record ScalarRun(string Name, IReadOnlyDictionary<string, List<ScalarPoint>> Curves);
