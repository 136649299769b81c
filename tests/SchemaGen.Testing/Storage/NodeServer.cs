using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SchemaGen.Testing.Storage;

/// <summary>
/// A storage server run by Node in its own temp folder, on a free local port; stopped and restarted on the same port
/// and folder (a server that dies mid-read and comes back), killed on dispose.
/// </summary>
public abstract class NodeServer : IDisposable
{
    private readonly TempDirectory _data = new();
    private Process? _process;

    protected NodeServer()
    {
        Port = FreePort();
    }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Where the server keeps its objects.</summary>
    public string DataFolder => _data.FullPath;

    /// <summary>The server's address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public void Start()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        _process = NodeServers.StartNode(Arguments(), NodeServers.Folder);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Answers())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{GetType().Name} exited with code {_process.ExitCode} while starting.");
            }

            if (DateTime.UtcNow > deadline)
            {
                Stop();
                throw new TimeoutException($"{GetType().Name} did not answer on {Endpoint} within 60 s.");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Kills the server (as a crash would); its objects stay in <see cref="DataFolder"/>.</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // It had exited already.
            }

            process.Dispose();
        }
    }

    public void Dispose()
    {
        Stop();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The command line after <c>node</c>.</summary>
    protected abstract IEnumerable<string> Arguments();

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
