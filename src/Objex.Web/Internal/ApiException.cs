using Microsoft.AspNetCore.Http;

namespace Objex.Web.Internal;

/// <summary>
/// A request the API refuses on purpose: malformed or missing parameter (400), unknown object (404),
/// a write without the explicit JSON body (415). <see cref="JsonErrorMiddleware"/> renders it as
/// <c>{"error": message}</c> with <see cref="StatusCode"/>.
/// </summary>
internal sealed class ApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
