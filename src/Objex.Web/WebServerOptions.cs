using System.Net;

namespace Objex.Web;

/// <summary>Where <see cref="ObjexWebServer"/> listens.</summary>
public sealed record WebServerOptions
{
    /// <summary>The default interface: only this machine can connect.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The original objex's port.</summary>
    public const int DefaultPort = 8000;

    /// <summary>An IP address or <c>localhost</c>.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// True when only this machine can reach <see cref="Host"/>. Anything else exposes the dumped
    /// process's memory contents (strings, secrets) to the network, so the CLI warns about it.
    /// </summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
