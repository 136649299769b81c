namespace SchemaGen.TensorBoard;

/// <summary>How a <see cref="SummaryWriter"/> writes its event file.</summary>
public sealed class SummaryWriterOptions
{
    /// <summary>The longest time an added event waits in memory before the file is flushed: what a crashed
    /// process can lose. Two minutes, as <c>tf.summary.create_file_writer</c>'s <c>flush_millis</c> default.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Events that may wait for the background writer; an add that finds the queue full blocks until the
    /// writer has made room (nothing is dropped). 1024.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Appended to the file name, after the process id and counter; <c>.v2</c> as
    /// <c>tf.summary.create_file_writer</c>'s <c>filename_suffix</c> default.</summary>
    public string FilenameSuffix { get; set; } = ".v2";

    /// <summary>
    /// The step a resumed run starts again from (its checkpoint's step), or null for a new run. The writer then
    /// writes a <c>SessionLog</c> with status START at that step, as TensorFlow's supervisor does on restart; on
    /// reading it TensorBoard purges the run's events at that step and later (with its default
    /// <c>--purge_orphaned_data</c>), the ones the crashed run wrote after its checkpoint.
    /// </summary>
    public long? ResumeStep { get; set; }

    /// <summary>The clock that events' wall times and the file name's seconds are read from.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
