using System.Collections;

namespace SchemaGen.Build.Tests.Infrastructure;

/// <summary>The build engine of a task run outside MSBuild: it keeps what the task logged.</summary>
internal sealed class RecordingBuildEngine(string projectFile) : IBuildEngine
{
    private readonly List<BuildErrorEventArgs> _errors = [];
    private readonly List<BuildWarningEventArgs> _warnings = [];
    private readonly List<string> _messages = [];

    public IReadOnlyList<BuildErrorEventArgs> Errors => Locked(() => _errors.ToArray());

    public IReadOnlyList<BuildWarningEventArgs> Warnings => Locked(() => _warnings.ToArray());

    public IReadOnlyList<string> Messages => Locked(() => _messages.ToArray());

    /// <summary>Everything logged, one event a line, for failure messages.</summary>
    public string Log => Locked(() => string.Join('\n',
        _errors.Select(e => $"{e.File}: error {e.Code}: {e.Message}")
            .Concat(_warnings.Select(w => $"{w.File}: warning {w.Code}: {w.Message}"))
            .Concat(_messages)));

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode { get; } = projectFile;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("The task builds no projects.");

    public void LogCustomEvent(CustomBuildEventArgs e) => Locked(() => _messages.Add(e.Message ?? ""));

    public void LogErrorEvent(BuildErrorEventArgs e) => Locked(() => _errors.Add(e));

    public void LogMessageEvent(BuildMessageEventArgs e) => Locked(() => _messages.Add(e.Message ?? ""));

    public void LogWarningEvent(BuildWarningEventArgs e) => Locked(() => _warnings.Add(e));

    // ToolTask reads the converter's output on other threads.
    private T Locked<T>(Func<T> read)
    {
        lock (_errors)
        {
            return read();
        }
    }

    private void Locked(Action write)
    {
        lock (_errors)
        {
            write();
        }
    }
}
