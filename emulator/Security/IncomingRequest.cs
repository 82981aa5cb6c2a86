using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dms.Codegen.Emulator.Security;

/// <summary>A request as the emulator checks it: decoded query and form pairs and the exact body bytes.</summary>
internal sealed class IncomingRequest
{
    private IncomingRequest(HttpRequest request, byte[] body, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> form)
    {
        Request = request;
        Body = body;
        Query = query;
        Form = form;
    }

    public HttpRequest Request { get; }

    public byte[] Body { get; }

    public List<KeyValuePair<string, string>> Query { get; }

    public List<KeyValuePair<string, string>> Form { get; }

    public string Method => Request.Method;

    public string? Header(string name) => Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public string? QueryValue(string name) => Query.FirstOrDefault(p => p.Key == name).Value;

    public static async Task<IncomingRequest> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var form = new List<KeyValuePair<string, string>>();
        if (body.Length > 0 && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            form.AddRange(Pairs(Encoding.UTF8.GetString(body)));
        }

        return new IncomingRequest(request, body, Pairs(request.QueryString.Value ?? string.Empty).ToList(), form);
    }

    /// <summary>Decoded pairs in wire order; a repeated name stays repeated (the signature covers each).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Pairs(string text)
    {
        foreach (var pair in QueryHelpers.ParseQuery(text))
        {
            foreach (var value in pair.Value)
            {
                yield return new KeyValuePair<string, string>(pair.Key, value ?? string.Empty);
            }
        }
    }
}
