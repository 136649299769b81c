using System.Globalization;
using System.Text;

namespace SchemaGen.Conversion.Output;

/// <summary>
/// Writes dataset_info.json for the jobs of a sharded conversion once they have all finished: every job's manifest
/// must be there, all must carry the same dataset_info.json text (same inputs and options), and every file they list
/// must be in place with the length its job wrote. Running it again writes the same bytes.
/// </summary>
internal static class JobFinalizer
{
    public static string Finalize(string outputDirectory, int? jobCount)
    {
        var location = OutputLocation.For(outputDirectory);
        var listed = location.List("");
        var found = listed.Keys
            .Select(name => (Name: name, Job: JobManifest.ParseFileName(name)))
            .Where(entry => entry.Job is not null)
            .Select(entry => (entry.Name, Index: entry.Job!.Value.Index, Count: entry.Job.Value.Count))
            .ToList();
        if (found.Count == 0)
        {
            throw new FileNotFoundException(
                $"{outputDirectory}: no job manifests (_job-NNNNN-of-NNNNN.json) to finalize; each job of `schemagen convert --shard-index i --shard-count n` writes one.");
        }

        var counts = found.Select(entry => entry.Count).Distinct().Order().ToList();
        int count = jobCount ?? (counts.Count == 1
            ? counts[0]
            : throw new InvalidDataException(
                $"{outputDirectory}: job manifests of several runs ({string.Join(", ", counts.Select(c => c + " jobs"))}); name the run's job count."));
        var jobs = found.Where(entry => entry.Count == count).ToDictionary(entry => entry.Index, entry => entry.Name);
        var missing = Enumerable.Range(0, count).Where(index => !jobs.ContainsKey(index)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{outputDirectory}: {missing.Count} of {count} jobs have not finished (no {JobManifest.FileName(missing[0], count)}; missing job indexes: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", …" : "")})."));
        }

        JobManifest? first = null;
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < count; index++)
        {
            string manifestPath = location.PathOf(jobs[index]);
            var manifest = JobManifest.Read(location.Read(jobs[index]), manifestPath);
            first ??= manifest;
            if (manifest.JobIndex != index || manifest.JobCount != count)
            {
                throw new InvalidDataException($"{manifestPath}: says job {manifest.JobIndex} of {manifest.JobCount}, not {index} of {count} as its name does.");
            }

            if (!string.Equals(manifest.DatasetInfo, first.DatasetInfo, StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"{manifestPath}: job {index} describes a different dataset than job 0 ({jobs[0]}): the jobs ran with different inputs, options or SchemaGen versions.");
            }

            foreach (var (name, length) in manifest.Files)
            {
                string path = location.PathOf(name);
                if (!listed.TryGetValue(name, out long actual))
                {
                    throw new FileNotFoundException($"{path}: job {index} wrote it, but it is gone.", path);
                }

                if (actual != length)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: {actual} bytes, but job {index} wrote {length}; it was changed or written by another run."));
                }

                written.Add(name);
            }
        }

        var unwritten = first!.ShardsListed().Where(shard => !written.Contains(shard)).ToList();
        if (unwritten.Count > 0)
        {
            throw new InvalidDataException(
                $"{outputDirectory}: no job wrote {string.Join(", ", unwritten.Take(5))}{(unwritten.Count > 5 ? ", …" : "")}; the jobs' shard indexes do not cover the dataset.");
        }

        location.Write(DatasetInfoWriter.FileName, Encoding.UTF8.GetBytes(first.DatasetInfo));
        return location.PathOf(DatasetInfoWriter.FileName);
    }
}
