using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Objex.Query;

namespace Objex.Web.Internal;

/// <summary>
/// The last line of defence: every failure leaves as a JSON error, never as an HTML page or an
/// empty body. Refusals (<see cref="ApiException"/>, bad request bodies) keep their 4xx status;
/// anything else is a bug in objex and says so with a 500 rather than hiding as a client error.
/// </summary>
internal sealed class JsonErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (status, message) = error switch
            {
                ApiException api => (api.StatusCode, api.Message),
                BadHttpRequestException bad => (bad.StatusCode, bad.Message),
                JsonException => (StatusCodes.Status400BadRequest, "the request body is not valid JSON"),
                // The query layer's own refusals (e.g. a stack asked of a non-frame) are the user's to fix.
                QueryException query => (StatusCodes.Status400BadRequest, query.Message),
                _ => (StatusCodes.Status500InternalServerError, $"internal error: {error.GetType().Name}: {error.Message}"),
            };
            context.Response.Clear();
            await WriteAsync(context, status, message).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <c>{"error": message}</c> with the given status.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message), WebJson.Options, context.RequestAborted);
    }
}

/// <summary>The body of every API error.</summary>
internal sealed record ErrorBody(string Error);
