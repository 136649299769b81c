using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SchemaGen.Build;

/// <summary>
/// Converts one <c>TfRecordDataset</c> item by running <c>dotnet schemagen.dll convert --msbuild</c>, the way
/// Grpc.Tools runs protoc: a separate .NET process, so the task works alike in <c>dotnet build</c> and in Visual
/// Studio's .NET Framework MSBuild, and the converter's dependencies never meet the build host's.
/// </summary>
/// <remarks>
/// The converter writes its files under temporary names and renames them into place at the end; this task then lists
/// them in <see cref="OutputListFile"/>, written last (and atomically), which the targets use as the up-to-date stamp.
/// Files the previous list named and the new one does not (fewer shards, no index) are deleted.
/// </remarks>
public sealed class ConvertTfRecordDataset : ToolTask
{
    private const string OutputPrefix = "output: ";
    private const string ErrorMarker = ": error SCHEMA";

    private readonly List<string> _written = [];

    /// <summary>The archive or folder to convert.</summary>
    [Required]
    public string Input { get; set; } = "";

    /// <summary>Where the shards and dataset_info.json go.</summary>
    [Required]
    public string OutputDir { get; set; } = "";

    /// <summary>The converter: the framework-dependent <c>schemagen.dll</c>.</summary>
    [Required]
    public string ConverterPath { get; set; } = "";

    /// <summary>The list of files written, one full path a line; written last, it is the target's stamp.</summary>
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

    protected override string GenerateFullPathToTool()
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

        return ToolName;
    }

    protected override bool ValidateParameters()
    {
        string project = string.IsNullOrEmpty(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode ?? "" : ProjectFile!;
        if (!File.Exists(Input) && !Directory.Exists(Input))
        {
            Log.LogError(null, BuildErrors.MissingInput, null, project, 0, 0, 0, 0,
                "The TfRecordDataset input '{0}' does not exist.", Input);
        }

        CheckChoice(project, nameof(Format), Format, "cifar10", "cifar100", "imagefolder");
        CheckChoice(project, nameof(Encoding), Encoding, "raw", "png", "jpeg");
        CheckChoice(project, nameof(PixelOrder), PixelOrder, "rgb", "bgr");
        CheckChoice(project, nameof(Compression), Compression, "none", "gzip", "zlib");
        CheckChoice(project, nameof(Index), Index, "true", "false");
        if (!string.IsNullOrEmpty(Shards) && !(int.TryParse(Shards, NumberStyles.None, CultureInfo.InvariantCulture, out int shards) && shards is >= 1 and <= 99999))
        {
            InvalidMetadata(project, nameof(Shards), Shards!, "a whole number from 1 to 99999");
        }

        if (!string.IsNullOrEmpty(Seed) && !long.TryParse(Seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            InvalidMetadata(project, nameof(Seed), Seed!, "a 64-bit integer, or empty for the source order");
        }

        if (!File.Exists(ConverterPath))
        {
            Log.LogError(null, BuildErrors.ConverterFailed, null, project, 0, 0, 0, 0,
                "The SchemaGen converter '{0}' does not exist (SchemaGenConverterPath); restore the SchemaGen package again.", ConverterPath);
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
            _written.Add(Path.Combine(OutputDir, singleLine.Substring(OutputPrefix.Length)));
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

        Log.LogMessage(MessageImportance.Normal, "SchemaGen: {0}: {1}", Path.GetFileName(TrimDirectory(Input)), singleLine);
    }

    public override bool Execute()
    {
        if (!base.Execute() || Log.HasLoggedErrors)
        {
            return false;
        }

        var written = new HashSet<string>(_written, StringComparer.Ordinal);
        foreach (string stale in ReadList(OutputListFile).Where(path => !written.Contains(path)))
        {
            File.Delete(stale);
        }

        WriteListAtomically(OutputListFile, _written);
        OutputFiles = [.. _written.Select(path => (ITaskItem)new TaskItem(path))];
        return true;
    }

    private void CheckChoice(string project, string name, string? value, params string[] choices)
    {
        if (!string.IsNullOrEmpty(value) && !choices.Contains(value!.ToLowerInvariant()))
        {
            InvalidMetadata(project, name, value, string.Join(", ", choices));
        }
    }

    private void InvalidMetadata(string project, string name, string value, string expected) =>
        Log.LogError(null, BuildErrors.InvalidMetadata, null, project, 0, 0, 0, 0,
            "TfRecordDataset '{0}': {1}=\"{2}\" is not valid; expected {3}.", Input, name, value, expected);

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

    private static IEnumerable<string> ReadList(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(line => line.Length > 0) : [];

    private static void WriteListAtomically(string path, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + ".tmp";
        File.WriteAllLines(temp, lines);
        if (File.Exists(path))
        {
            File.Replace(temp, path, null);
        }
        else
        {
            File.Move(temp, path);
        }
    }
}
