using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;

namespace Objex.Web.Internal;

/// <summary>
/// Serves wwwroot/ from resources embedded in this assembly. No file system path is ever opened, so
/// no request (<c>/../</c>, encoded dots, absolute paths) can read a file outside the web root: the
/// only readable names are the resources compiled in.
/// </summary>
internal static class EmbeddedPage
{
    public static void Map(WebApplication app)
    {
        // The csproj embeds wwwroot/** under the root namespace: Objex.Web.wwwroot.app.js, ...
        var files = new EmbeddedFileProvider(typeof(EmbeddedPage).Assembly, "Objex.Web.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Small files and a tool rebuilt often: always revalidate so a new build shows at once.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
