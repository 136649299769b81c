using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SchemaGen.Testing.Storage;

/// <summary>
/// A TCP proxy between an SDK and a local server that injects the faults of a real network: latency on every request
/// (a round trip), 503 responses for the next N requests, a response cut off after some bytes, or one that stalls.
/// It reads HTTP/1.1 request heads to find where requests begin; bodies are forwarded as they come.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private int _failures;
    private long _cutAfter = -1;
    private long _stallAfter = -1;
    private int _requests;

    /// <summary>Starts a proxy on a free local port forwarding to <paramref name="targetPort"/> on 127.0.0.1.</summary>
    public FaultProxy(int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port the proxy listens on.</summary>
    public int Port { get; }

    /// <summary>The proxy's address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The delay added before each request is forwarded.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The number of requests the proxy has seen (answered or forwarded).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The number of injected 503 responses still to come.</summary>
    public int PendingFailures => Volatile.Read(ref _failures);

    /// <summary>Answers the next <paramref name="count"/> requests with <c>503 Slow Down</c> instead of forwarding them.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>Closes the connection of the next response once <paramref name="bytes"/> of it have been forwarded.</summary>
    public void CutNextResponseAfter(long bytes) => Interlocked.Exchange(ref _cutAfter, bytes);

    /// <summary>Stops forwarding the next response once <paramref name="bytes"/> of it have gone, keeping the connection open.</summary>
    public void StallNextResponseAfter(long bytes) => Interlocked.Exchange(ref _stallAfter, bytes);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            _accepting.Wait(5000);
        }
        catch (AggregateException)
        {
            // Stopping the listener ends the accept loop with an exception.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var server = new TcpClient();
        Track(client);
        Track(server);
        using var _ = client;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var upstream = ForwardRequestsAsync(client.GetStream(), server.GetStream(), connection.Token);
            var downstream = ForwardResponsesAsync(server.GetStream(), client.GetStream(), connection.Token);
            await Task.WhenAny(upstream, downstream);
            await connection.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client, the server or the proxy closed the connection.
        }
    }

    private void Track(TcpClient client)
    {
        lock (_connections)
        {
            _connections.Add(client);
        }
    }

    // Client to server: each request head is read whole, so a request can be delayed or answered here.
    private async Task ForwardRequestsAsync(NetworkStream client, NetworkStream server, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int filled = 0;
        while (true)
        {
            int headLength;
            while ((headLength = buffer.AsSpan(0, filled).IndexOf(HeadEnd)) < 0)
            {
                if (filled == buffer.Length)
                {
                    throw new IOException("A request head larger than 64 KiB.");
                }

                int read = await client.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                filled += read;
            }

            headLength += HeadEnd.Length;
            string head = Encoding.ASCII.GetString(buffer, 0, headLength);
            long bodyLength = ContentLength(head);
            Interlocked.Increment(ref _requests);
            if (Interlocked.Decrement(ref _failures) >= 0)
            {
                await AnswerSlowDownAsync(client, cancellationToken);
                return;
            }

            Interlocked.Increment(ref _failures);
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, cancellationToken);
            }

            if (bodyLength < 0)
            {
                // A chunked body: forwarded as it comes until the connection ends; no more requests are told apart.
                await server.WriteAsync(buffer.AsMemory(0, filled), cancellationToken);
                await client.CopyToAsync(server, cancellationToken);
                return;
            }

            // The head and the body bytes already here, then the rest of the body.
            long inBuffer = Math.Min(filled - headLength, bodyLength);
            int forwarded = headLength + (int)inBuffer;
            await server.WriteAsync(buffer.AsMemory(0, forwarded), cancellationToken);
            long remaining = bodyLength - inBuffer;
            Buffer.BlockCopy(buffer, forwarded, buffer, 0, filled - forwarded);
            filled -= forwarded;
            while (remaining > 0)
            {
                int read = await client.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                await server.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
    }

    // Server to client: forwarded as it comes, unless a cut or a stall is armed for the next response.
    private async Task ForwardResponsesAsync(NetworkStream server, NetworkStream client, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read = await server.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            long cut = Interlocked.Exchange(ref _cutAfter, -1);
            long stall = Interlocked.Exchange(ref _stallAfter, -1);
            if (cut >= 0)
            {
                await ForwardThenAsync(server, client, buffer, read, cut, cancellationToken);
                return;
            }

            if (stall >= 0)
            {
                await ForwardThenAsync(server, client, buffer, read, stall, cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await client.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    // Forwards exactly `limit` bytes of the response (the first `read` of which are in the buffer).
    private static async Task ForwardThenAsync(
        NetworkStream server, NetworkStream client, byte[] buffer, int read, long limit, CancellationToken cancellationToken)
    {
        while (limit > 0)
        {
            int take = (int)Math.Min(read, limit);
            await client.WriteAsync(buffer.AsMemory(0, take), cancellationToken);
            limit -= take;
            if (limit == 0)
            {
                break;
            }

            read = await server.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }
        }

        await client.FlushAsync(cancellationToken);
    }

    private static async Task AnswerSlowDownAsync(NetworkStream client, CancellationToken cancellationToken)
    {
        const string Body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
        string response = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nConnection: close\r\n"
            + $"Content-Length: {Body.Length}\r\n\r\n{Body}";
        await client.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
        await client.FlushAsync(cancellationToken);
    }

    // The body's length from the head: Content-Length, 0 when there is none, -1 for a chunked body.
    private static long ContentLength(string head)
    {
        foreach (string line in head.Split("\r\n"))
        {
            int colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }
        }

        return 0;
    }
}
