namespace SchemaGen.TensorBoard.Tests;

/// <summary>A clock the test sets, so that every event's wall time is known exactly.</summary>
internal sealed class FakeClock(long unixMilliseconds) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    public override DateTimeOffset GetUtcNow() => Now;
}
