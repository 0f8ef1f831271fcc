using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using Objex.Web.Api;
using Objex.Web.Internal;

namespace Objex.Web;

/// <summary>
/// The browser face: Kestrel serving the JSON API (<c>/api/…</c>) over one analysis database and the
/// static page embedded in this assembly. Start it with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class ObjexWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ObjexWebServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The root URL the page is served at, e.g. <c>http://127.0.0.1:8000/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Binds <paramref name="options"/>' host and port and starts serving <paramref name="api"/>.
    /// Throws <see cref="ArgumentException"/> for a host that is not an IP address or localhost and
    /// <see cref="IOException"/> when the port cannot be bound.
    /// </summary>
    public static async Task<ObjexWebServer> StartAsync(ObjexApi api, WebServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ObjexWebServer).Assembly.GetName().Name,
            EnvironmentName = "Production",
            // No physical content or web root is ever read: the page comes from embedded resources.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => Listen(kestrel, options));
        builder.Services.AddSingleton(api);

        var app = builder.Build();
        app.Use(SecurityHeaders);
        app.UseMiddleware<JsonErrorMiddleware>();
        app.UseStatusCodePages(context => JsonErrorMiddleware.WriteAsync(
            context.HttpContext, context.HttpContext.Response.StatusCode, StatusMessage(context.HttpContext)));
        if (options.IsLoopback)
        {
            // On an explicit --host the user chose to be reachable by any name.
            app.UseMiddleware<LoopbackHostGuard>(options.Host);
        }

        EmbeddedPage.Map(app);
        ApiEndpoints.Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot listen on {options.Host}:{options.Port}: {error.Message}", error);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ObjexWebServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Completes when the server stops (Ctrl-C in the CLI, or <paramref name="cancellationToken"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, WebServerOptions options)
    {
        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
        }
        else if (IPAddress.TryParse(options.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, options.Port);
        }
        else
        {
            // No parameter name: the CLI prints the message as is, and " (Parameter 'options')" means nothing to its user.
#pragma warning disable CA2208
            throw new ArgumentException($"--host must be an IP address or localhost, not '{options.Host}'");
#pragma warning restore CA2208
        }
    }

    private static string StatusMessage(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"no such page or endpoint: {context.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
        StatusCodes.Status400BadRequest => "bad request",
        _ => $"HTTP {context.Response.StatusCode}",
    };

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        // Set as the response starts: an error answer clears the headers set before it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // The page loads nothing from elsewhere; dumped strings rendered by mistake cannot run script.
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next();
    }
}
