using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Objex.Query;
using Objex.Web.Internal;
using static Objex.Web.Internal.RequestParameters;

namespace Objex.Web.Api;

/// <summary>
/// The routes under <c>/api/</c> (docs/web-api.md). Each handler reads its parameters strictly and
/// asks <see cref="ObjexApi"/>; errors travel as exceptions to <see cref="JsonErrorMiddleware"/>.
/// Every route is GET (and HEAD) except <c>POST /api/marks</c>, the only write.
/// </summary>
internal static class ApiEndpoints
{
    private static readonly string[] s_readMethods = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        Get(api, "/summary", (ObjexApi q) => Json(q.Summary()));
        Get(api, "/top", (ObjexApi q, HttpRequest r) =>
            Json(q.Top(
                TopKindOf(Choice(r, "by", "retained", "retained", "size", "referenced", "types")),
                Limit(r, 20),
                nested: Choice(r, "nested", "true", "true", "false") == "true",
                r.HttpContext.RequestAborted)));
        Get(api, "/types", (ObjexApi q, HttpRequest r) =>
            Json(q.Types(Optional(r, "q"), Offset(r), Limit(r, 50), r.HttpContext.RequestAborted)));
        Get(api, "/types/{id}/instances", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.Instances(ObjectId(id), Offset(r), Limit(r, 100), r.HttpContext.RequestAborted)));
        Get(api, "/types/{id}/paths", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.InstancePaths(ObjectId(id), Limit(r, QuerySession.DefaultGroupLimit), r.HttpContext.RequestAborted)));
        Get(api, "/objects/{id}", (ObjexApi q, string id) => Json(q.Object(ObjectId(id))));
        Get(api, "/objects/{id}/out", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.References(ObjectId(id), outbound: true, Offset(r), Limit(r, 50))));
        Get(api, "/objects/{id}/in", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.References(ObjectId(id), outbound: false, Offset(r), Limit(r, 50))));
        Get(api, "/objects/{id}/in/types", (ObjexApi q, string id) => Json(q.ReferrerTypeCounts(ObjectId(id))));
        Get(api, "/objects/{id}/paths", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.Paths(ObjectId(id), Choice(r, "from", "modules", "modules", "frames") == "frames", r.HttpContext.RequestAborted)));
        Get(api, "/objects/{id}/paths/steps", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.PathPage(ObjectId(id), Choice(r, "from", "modules", "modules", "frames") == "frames", Offset(r), Limit(r, 200))));
        Get(api, "/objects/{id}/retained", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.Retained(ObjectId(id), Limit(r, 10))));
        Get(api, "/objects/{id}/retained/chain", (ObjexApi q, HttpRequest r, string id) =>
            Json(q.ChainPage(ObjectId(id), Offset(r), Limit(r, 200))));
        Get(api, "/objects/{id}/stack", (ObjexApi q, string id) => Json(q.Stack(ObjectId(id))));
        Get(api, "/dominators/{node}", (ObjexApi q, HttpRequest r, string node) => Json(q.Map(node, Limit(r, 60), OptionalId(r, "from") ?? 0)));
        Get(api, "/suspects", (ObjexApi q, HttpRequest r) =>
            Json(q.Suspects(Percent(r, "threshold", QuerySession.DefaultSuspectThreshold * 100) / 100, r.HttpContext.RequestAborted)));
        Get(api, "/diff", (ObjexApi q, HttpRequest r) => Json(q.Diff(Limit(r, 20), Limit(r, 50, "types"))));
        Get(api, "/threads", (ObjexApi q) => Json(q.Threads()));
        Get(api, "/go", (ObjexApi q, HttpRequest r) => Json(q.Go(Required(r, "target"), OptionalId(r, "from"))));
        Get(api, "/marks", (ObjexApi q) => Json(q.Marks()));
        api.MapPost("/marks", MarkAsync);
        // Anything else under /api/ is a JSON 404, not the page.
        api.Map("/{**rest}", (HttpContext context) =>
            throw ApiException.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}"));
    }

    /// <summary>
    /// Marking is the only write, so it demands a JSON body: a plain HTML form or a cross-site
    /// "simple" request cannot send one without a CORS preflight, which this server never grants.
    /// </summary>
    private static async Task<IResult> MarkAsync(ObjexApi q, HttpRequest request)
    {
        // A browser sends Origin with every cross-site POST; a page elsewhere must not mark objects here, whatever
        // content type it manages to send. Tools (curl) send none, and the page's own fetch sends this server's.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, $"POST /api/marks from another origin ({RequestParameters.Shorten(origin)}) is refused");
        }

        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "POST /api/marks needs a JSON body: {\"id\": 12, \"mark\": \"name\"}");
        }

        var body = await MarkRequest.ReadAsync(request).ConfigureAwait(false);
        return Json(q.Mark((Objex.Snapshot.ObjId)body.Id, body.Mark));
    }

    /// <summary>A read-only route answers HEAD as GET does (Kestrel sends the headers and drops the body).</summary>
    private static void Get(RouteGroupBuilder api, string pattern, Delegate handler) => api.MapMethods(pattern, s_readMethods, handler);

    private static TopKind TopKindOf(string by) => by switch
    {
        "size" => TopKind.Size,
        "referenced" => TopKind.Referenced,
        "types" => TopKind.Types,
        _ => TopKind.Retained,
    };

    private static IResult Json<T>(T value) => Results.Json(value, WebJson.Options);
}
