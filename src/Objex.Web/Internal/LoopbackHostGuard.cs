using Microsoft.AspNetCore.Http;

namespace Objex.Web.Internal;

/// <summary>
/// On loopback, refuses a request whose Host header is not <c>localhost</c>, <c>127.0.0.1</c> or
/// <c>[::1]</c> (any port): a web page elsewhere that rebinds its DNS name to 127.0.0.1 sends its own
/// name, so it cannot reach the API. ASP.NET Core's host filtering does the same check but runs first
/// in the pipeline and answers with an HTML page; this one throws, so the refusal is the API's JSON error.
/// </summary>
/// The address the server was bound to (<c>--host 127.0.0.5</c>) is accepted too: it was refused on every request.
internal sealed class LoopbackHostGuard(RequestDelegate next, string boundHost)
{
    private readonly string[] _hosts = Hosts(boundHost);

    private static string[] Hosts(string bound)
    {
        var name = System.Net.IPAddress.TryParse(bound.Trim('[', ']'), out var address)
            ? address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString()
            : bound;
        string[] defaults = ["localhost", "127.0.0.1", "[::1]"];
        return defaults.Contains(name, StringComparer.OrdinalIgnoreCase) ? defaults : [.. defaults, name];
    }

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        foreach (var allowed in _hosts)
        {
            if (string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }
        }

        throw ApiException.BadRequest(
            $"the Host header '{RequestParameters.Shorten(context.Request.Host.Value ?? "")}' is refused: this server answers only {string.Join(", ", _hosts)} (a web page elsewhere must not reach it through its own name)");
    }
}
