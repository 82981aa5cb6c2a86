using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dms.Codegen.Credentials;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Http;

/// <summary>
/// Removes secrets from what a server sent back. Alibaba's gateway answers <c>SignatureDoesNotMatch</c> with
/// "server string to sign is: ...", which contains the STS token percent-encoded once (V3 canonical headers)
/// or twice (V1 string to sign); a DmsException carries that text, so it is masked before anyone sees it.
/// Only error paths pay for this.
/// </summary>
internal static class DmsRedaction
{
    public const string Mask = "***";

    /// <summary>Every form in which the secret, the token or the attempt's signature could come back.</summary>
    public static List<string> Forms(DmsCredential credential, string? signature)
    {
        var forms = new List<string>();
        Add(forms, credential.AccessKeySecret);
        Add(forms, credential.SecurityToken);
        Add(forms, signature);

        // Longest first, so that a form containing another is replaced whole.
        forms.Sort((a, b) => b.Length.CompareTo(a.Length));
        return forms;
    }

    /// <summary>The text with every form masked; the same instance when nothing matched.</summary>
    public static string? Redact(string? text, List<string> forms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var form in forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>A copy of <paramref name="error"/> with secrets masked in its message, service message and raw body.</summary>
    public static DmsException Redact(DmsException error, List<string> forms)
    {
        var message = Redact(error.Message, forms)!;
        var serviceMessage = Redact(error.ServiceMessage, forms);
        var rawBody = Redact(error.RawBody, forms);
        var recommend = Redact(error.Recommend, forms);
        if (ReferenceEquals(message, error.Message) && ReferenceEquals(serviceMessage, error.ServiceMessage)
            && ReferenceEquals(rawBody, error.RawBody) && ReferenceEquals(recommend, error.Recommend))
        {
            return error;
        }

        return error.With(message, rawBody, serviceMessage, recommend, error.Attempts);
    }

    private static void Add(List<string> forms, string? value)
    {
        // Very short values would mask ordinary words; credentials are never that short.
        if (value is null || value.Length < 6)
        {
            return;
        }

        var once = PercentEncoder.Encode(value);
        foreach (var form in new[] { value, once, PercentEncoder.Encode(once) })
        {
            AddDistinct(forms, form);

            // Raw bodies may carry the JSON-escaped spelling (\u002B for +, \/ for /).
            AddDistinct(forms, JsonEncodedText.Encode(form).ToString());
            AddDistinct(forms, JsonEncodedText.Encode(form, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
            AddDistinct(forms, form.Replace("/", "\\/", StringComparison.Ordinal));
        }
    }

    private static void AddDistinct(List<string> forms, string form)
    {
        if (!forms.Contains(form))
        {
            forms.Add(form);
        }
    }
}
