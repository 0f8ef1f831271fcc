using System.CommandLine;
using Objex.Query;
using Objex.Web;

namespace Objex.Cli.Commands;

/// <summary>
/// `objex web ANALYSIS [--host 127.0.0.1] [--port 8000] [--baseline A]`: serves the browser UI over one analysis
/// database until Ctrl-C (with a baseline, an earlier dump of the same process, the comparison view too). Binds loopback unless told otherwise, and warns when it is told otherwise.
/// </summary>
internal static class WebCommandHandler
{
    private static readonly Argument<string> s_analysis = new("ANALYSIS") { Description = "The analysis database (made by make-analysis-db)" };

    private static readonly Option<string> s_host = new("--host")
    {
        Description = "Interface to listen on: an IP address or localhost (anything but loopback exposes the dumped memory to the network)",
        DefaultValueFactory = _ => WebServerOptions.DefaultHost,
    };

    private static readonly Option<int> s_port = new("--port")
    {
        Description = "TCP port (0 picks a free one)",
        DefaultValueFactory = _ => WebServerOptions.DefaultPort,
        CustomParser = ParsePort,
    };

    private static readonly Option<string?> s_baseline = new("--baseline")
    {
        Description = "An earlier dump of the same process (or its analysis database): the comparison view lists what grew, object pages mark what is new",
    };

    internal static void Register(RootCommand root)
    {
        var command = new Command("web", "Explore an analysis database in a browser");
        command.Arguments.Add(s_analysis);
        command.Options.Add(s_host);
        command.Options.Add(s_port);
        command.Options.Add(s_baseline);
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(s_analysis)!, result.GetValue(s_host)!, result.GetValue(s_port), result.GetValue(s_baseline), cancellationToken));
        root.Subcommands.Add(command);
    }

    /// <summary>A port number in plain words when it is not one (the default error names System.Int32).</summary>
    private static int ParsePort(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return WebServerOptions.DefaultPort;
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return port;
        }

        result.AddError($"--port: expected a port number from 0 to 65535, not '{text}'");
        return 0;
    }

    private static async Task<int> RunAsync(string path, string host, int port, string? baseline, CancellationToken cancellationToken)
    {
        var options = new WebServerOptions { Host = host, Port = port };
        QuerySession session;
        try
        {
            session = QuerySession.Open(path);
        }
        catch (Objex.Snapshot.ObjexFileException error)
        {
            return Fail(error.Message);
        }

        if (baseline is not null)
        {
            try
            {
                DiffCommandHandler.AttachBaseline(session, baseline, cancellationToken);
            }
            catch (QueryException error)
            {
                session.Dispose();
                return Fail(error.Message);
            }
        }

        using var api = new ObjexApi(session);
        ObjexWebServer server;
        try
        {
            server = await ObjexWebServer.StartAsync(api, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or ArgumentException)
        {
            return Fail(error.Message);
        }

        await using (server.ConfigureAwait(false))
        {
            if (!options.IsLoopback)
            {
                await Console.Error.WriteLineAsync(
                    $"objex web: WARNING: listening on {host}, not loopback: the dumped process's memory contents (strings, secrets) become visible to the network, to anyone who can reach this port").ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync($"objex web: exploring {path} at {server.Address} (Ctrl-C to stop)").ConfigureAwait(false);
            try
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: a normal way to stop.
            }
        }

        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"objex web: {message}");
        return 2;
    }
}
