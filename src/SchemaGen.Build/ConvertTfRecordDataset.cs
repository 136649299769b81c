using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Security;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SchemaGen.Build.Diagnostics;
using SchemaGen.Build.Metadata;
using SchemaGen.Build.Outputs;

namespace SchemaGen.Build;

/// <summary>
/// Converts one <c>TfRecordDataset</c> item by running <c>dotnet schemagen.dll convert --msbuild</c>, the way
/// Grpc.Tools runs protoc: a separate .NET process, so the task works alike in <c>dotnet build</c> and in Visual
/// Studio's .NET Framework MSBuild, and the converter's dependencies never meet the build host's.
/// </summary>
/// <remarks>
/// The converter writes its files under temporary names and renames them into place at the end; this task then lists
/// them in <see cref="OutputListFile"/>, written last (and atomically), which the targets use as the up-to-date stamp.
/// Files the previous list named and the new one does not (fewer shards, no index) are deleted. The task never throws:
/// every failure is a <c>SCHEMA1xx</c> error, and after one the previous stamp stays, so the next build converts again.
/// </remarks>
public sealed class ConvertTfRecordDataset : ToolTask
{
    private const string OutputPrefix = "output: ";
    private const string ErrorMarker = ": error SCHEMA";

    // The names the converter wrote, relative to OutputDir, in its order.
    private readonly List<string> _written = [];
    private string? _firstToolLine;

    /// <summary>The archive or folder to convert.</summary>
    [Required]
    public string Input { get; set; } = "";

    /// <summary>Where the shards and dataset_info.json go.</summary>
    [Required]
    public string OutputDir { get; set; } = "";

    /// <summary>The converter: the framework-dependent <c>schemagen.dll</c>.</summary>
    [Required]
    public string ConverterPath { get; set; } = "";

    /// <summary>The list of files written, one name a line relative to <see cref="OutputDir"/>; written last, it is the target's stamp.</summary>
    [Required]
    public string OutputListFile { get; set; } = "";

    /// <summary>The <c>dotnet</c> host to run the converter with (the SDK sets <c>DOTNET_HOST_PATH</c>); else <c>dotnet</c> on PATH.</summary>
    public string? DotNetHostPath { get; set; }

    /// <summary>The project that declares the item: where metadata and missing-input errors point.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>cifar10, cifar100 or imagefolder; empty to infer it from the input's name.</summary>
    public string? Format { get; set; }

    public string? Shards { get; set; }

    public string? Encoding { get; set; }

    public string? PixelOrder { get; set; }

    public string? Seed { get; set; }

    public string? Index { get; set; }

    public string? Compression { get; set; }

    /// <summary>Every file the conversion wrote.</summary>
    [Output]
    public ITaskItem[] OutputFiles { get; private set; } = [];

    protected override string ToolName => Path.DirectorySeparatorChar == '\\' ? "dotnet.exe" : "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    protected override string GenerateFullPathToTool() => DotNetHost() ?? ToolName;

    protected override bool ValidateParameters()
    {
        string project = string.IsNullOrEmpty(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode ?? "" : ProjectFile!;
        if (!File.Exists(Input) && !Directory.Exists(Input))
        {
            Log.LogError(null, BuildErrors.MissingInput, null, project, 0, 0, 0, 0,
                "The TfRecordDataset input '{0}' does not exist.", Input);
        }

        var metadata = new DatasetMetadata(Format, Shards, Encoding, PixelOrder, Seed, Index, Compression);
        foreach (InvalidMetadata problem in metadata.Validate())
        {
            Log.LogError(null, BuildErrors.InvalidMetadata, null, project, 0, 0, 0, 0, "{0}", problem.Message(Input));
        }

        if (!File.Exists(ConverterPath))
        {
            Log.LogError(null, BuildErrors.ConverterFailed, null, project, 0, 0, 0, 0,
                "The SchemaGen converter '{0}' does not exist (SchemaGenConverterPath); restore the SchemaGen.Build package again.", ConverterPath);
        }

        if (DotNetHost() is null)
        {
            Log.LogError(null, BuildErrors.ConverterFailed, null, project, 0, 0, 0, 0,
                "No '{0}' to run the SchemaGen converter with: neither DOTNET_HOST_PATH nor PATH names one.", ToolName);
        }

        return !Log.HasLoggedErrors;
    }

    protected override string GenerateCommandLineCommands()
    {
        var command = new CommandLineBuilder();
        command.AppendFileNameIfNotNull(ConverterPath);
        command.AppendSwitch("convert");
        command.AppendSwitch("--msbuild");
        if (!string.IsNullOrEmpty(Format))
        {
            command.AppendSwitch(Format!.ToLowerInvariant());
        }

        command.AppendFileNameIfNotNull(TrimDirectory(Input));
        command.AppendFileNameIfNotNull(TrimDirectory(OutputDir));
        AppendOption(command, "--shards", Shards);
        AppendOption(command, "--encoding", Encoding);
        AppendOption(command, "--pixel-order", PixelOrder);
        AppendOption(command, "--seed", Seed);
        AppendOption(command, "--compression", Compression);
        if (string.Equals(Index, "true", StringComparison.OrdinalIgnoreCase))
        {
            command.AppendSwitch("--index");
        }

        return command.ToString();
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (singleLine.StartsWith(OutputPrefix, StringComparison.Ordinal))
        {
            _written.Add(singleLine.Substring(OutputPrefix.Length));
            return;
        }

        // `origin: error SCHEMA1xx: message`, as BuildErrors.CanonicalLine prints it.
        int marker = singleLine.IndexOf(ErrorMarker, StringComparison.Ordinal);
        int codeEnd = marker < 0 ? -1 : singleLine.IndexOf(": ", marker + ErrorMarker.Length, StringComparison.Ordinal);
        if (codeEnd > 0)
        {
            string code = singleLine.Substring(marker + ": error ".Length, codeEnd - marker - ": error ".Length);
            Log.LogError(null, code, null, singleLine.Substring(0, marker), 0, 0, 0, 0, "{0}", singleLine.Substring(codeEnd + 2));
            return;
        }

        _firstToolLine ??= singleLine; // where a crash or the .NET host says what went wrong
        Log.LogMessage(MessageImportance.Normal, "SchemaGen: {0}: {1}", Path.GetFileName(TrimDirectory(Input)), singleLine);
    }

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        try
        {
            return base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        }
        catch (Exception e) when (e is Win32Exception || IsIOFailure(e))
        {
            Log.LogError(null, BuildErrors.ConverterFailed, null, Input, 0, 0, 0, 0,
                "The SchemaGen converter could not be started with '{0}': {1}", pathToTool, e.Message);
            return -1;
        }
    }

    // A non-zero exit without a SCHEMA1xx line: the converter crashed, or .NET could not start it.
    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, BuildErrors.ConverterFailed, null, Input, 0, 0, 0, 0,
                "The SchemaGen converter exited with code {0}{1}", ExitCode, _firstToolLine is null ? "." : ": " + _firstToolLine);
        }

        return false;
    }

    public override bool Execute()
    {
        _written.Clear();
        _firstToolLine = null;
        if (!base.Execute() || Log.HasLoggedErrors)
        {
            return false;
        }

        string? outputDirectory = Attempt(OutputDir, "The output folder '{0}' is not a valid path: {1}", () => FullDirectory(OutputDir));
        IReadOnlyList<string>? previous = Attempt(OutputListFile, "The list of files of the previous conversion, '{0}', cannot be read: {1}", () => OutputList.Read(OutputListFile));
        if (outputDirectory is null || previous is null)
        {
            return false;
        }

        string[] written = [.. _written.Select(name => OutputList.Resolve(outputDirectory, name)).OfType<string>()];
        var keep = new HashSet<string>(written, OutputList.PathComparer);
        foreach (string stale in previous.Select(line => OutputList.Resolve(outputDirectory, line)).OfType<string>().Where(path => !keep.Contains(path)))
        {
            DeleteStaleFile(stale);
        }

        // After a failure the previous stamp stays, older than what changed: the next build converts and cleans up again.
        if (Log.HasLoggedErrors
            || Attempt(OutputListFile, "The list of files written, '{0}', cannot be written: {1}", () => OutputList.WriteAtomically(OutputListFile, _written)) is null)
        {
            return false;
        }

        OutputFiles = [.. written.Select(path => (ITaskItem)new TaskItem(path))];
        return true;
    }

    private string? DotNetHost()
    {
        string? host = string.IsNullOrEmpty(DotNetHostPath) ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") : DotNetHostPath;
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host!;
        }

        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate;
            try
            {
                candidate = Path.Combine(directory.Trim('"'), ToolName);
            }
            catch (ArgumentException)
            {
                continue; // a malformed PATH entry
            }

            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void DeleteStaleFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // Already gone, with its folder.
        }
        catch (Exception e) when (IsIOFailure(e))
        {
            Log.LogError(null, BuildErrors.OutputNotWritable, null, Input, 0, 0, 0, 0,
                "The file '{0}' of the previous conversion cannot be deleted: {1}", path, e.Message);
        }
    }

    // Runs one file system step; a failure is a SCHEMA109 error naming the path, and null.
    private T? Attempt<T>(string path, string message, Func<T> step)
        where T : class
    {
        try
        {
            return step();
        }
        catch (Exception e) when (IsIOFailure(e))
        {
            Log.LogError(null, BuildErrors.OutputNotWritable, null, Input, 0, 0, 0, 0, message, path, e.Message);
            return null;
        }
    }

    private string? Attempt(string path, string message, Action step) =>
        Attempt(path, message, () =>
        {
            step();
            return path;
        });

    private static bool IsIOFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or SecurityException or ArgumentException or NotSupportedException;

    private static string FullDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        return full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? full : full + Path.DirectorySeparatorChar;
    }

    private static void AppendOption(CommandLineBuilder command, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            command.AppendSwitchIfNotNull(name + " ", value!.ToLowerInvariant());
        }
    }

    // A trailing separator would escape the closing quote on Windows command lines.
    private static string TrimDirectory(string path) =>
        path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
}
