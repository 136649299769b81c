using System.Globalization;
using System.Net;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// Names an event file as TensorFlow's summary file writer does:
/// <c>events.out.tfevents.&lt;10-digit seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;counter&gt;&lt;suffix&gt;</c>
/// (EventsWriter's <c>%s.out.tfevents.%010lld.%s%s</c>, with the suffix that summary_file_writer.cc uniquifies by
/// process id and a per-process counter).
/// </summary>
internal static class EventFileName
{
    private static long s_counter = -1;

    public static string Create(long unixSeconds, string suffix)
    {
        long counter = Interlocked.Increment(ref s_counter);
        // summary_file_writer.cc puts a '.' before a suffix that does not start with one.
        string separator = suffix.Length == 0 || suffix.StartsWith('.') ? "" : ".";
        return string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{unixSeconds:D10}.{Dns.GetHostName()}.{Environment.ProcessId}.{counter}{separator}{suffix}");
    }
}
