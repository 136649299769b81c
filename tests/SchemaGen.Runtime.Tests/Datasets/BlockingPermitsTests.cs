using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>The ring's semaphore: a wait takes one permit, blocks while there is none, and no release is lost.</summary>
public sealed class BlockingPermitsTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_wait_takes_one_of_the_permits_it_finds()
    {
        var permits = new BlockingPermits(2);

        permits.Wait();
        permits.Wait();

        Assert.Equal(0, permits.CurrentCount);
        permits.Release(3);
        Assert.Equal(3, permits.CurrentCount);
    }

    [Fact]
    public void A_wait_with_no_permit_blocks_until_a_release()
    {
        var permits = new BlockingPermits(0);
        var waiter = Start(permits.Wait);

        // However long it is given, the waiter finds no permit and stays blocked.
        Assert.False(waiter.Join(TimeSpan.FromMilliseconds(200)));
        permits.Release();

        Assert.True(waiter.Join(HangGuard));
        Assert.Equal(0, permits.CurrentCount);
    }

    [Fact]
    public void A_release_of_several_permits_wakes_as_many_waiters()
    {
        var permits = new BlockingPermits(0);
        int woken = 0;
        var waiters = Enumerable.Range(0, 3).Select(_ => Start(() =>
        {
            permits.Wait();
            Interlocked.Increment(ref woken);
        })).ToArray();
        Assert.False(waiters[0].Join(TimeSpan.FromMilliseconds(200)));

        permits.Release(2);
        var deadline = DateTime.UtcNow + HangGuard;
        while (Volatile.Read(ref woken) < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(2, Volatile.Read(ref woken));
        Assert.Single(waiters, waiter => waiter.IsAlive);

        permits.Release();
        Assert.All(waiters, waiter => Assert.True(waiter.Join(HangGuard)));
        Assert.Equal(0, permits.CurrentCount);
    }

    [Fact]
    public void Every_permit_released_is_taken_once_by_racing_threads()
    {
        // Two producers and two consumers of 20,000 permits each: a lost wake-up would hang a consumer, a double
        // take would leave the count short at the end.
        const int PerThread = 20_000;
        var permits = new BlockingPermits(0);
        var producers = Enumerable.Range(0, 2).Select(_ => Start(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                permits.Release();
            }
        }));
        var consumers = Enumerable.Range(0, 2).Select(_ => Start(() =>
        {
            for (int i = 0; i < PerThread - 1; i++)
            {
                permits.Wait();
            }
        }));

        Assert.All([.. producers, .. consumers], thread => Assert.True(thread.Join(HangGuard)));
        Assert.Equal(2, permits.CurrentCount);
    }

    private static Thread Start(Action action)
    {
        var thread = new Thread(() => action()) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
