using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>Writes a JSON body with its Content-Length, as Alibaba's gateway does (no chunked encoding).</summary>
internal static class JsonAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteAsync(HttpContext context, string json, string? requestId)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = bytes.Length;
        if (requestId is not null)
        {
            context.Response.Headers["x-acs-request-id"] = requestId;
        }

        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
