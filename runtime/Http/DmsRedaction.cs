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
/// Text is always redacted whole before it is cut, and a cut never leaves the start of a secret at its end.
/// Only error paths pay for this.
/// </summary>
internal static class DmsRedaction
{
    public const string Mask = "***";

    // Very short values would mask ordinary words; credentials are never that short.
    private const int ShortestSecret = 6;

    /// <summary>Every form of the credential's secret and token and of one signature.</summary>
    public static SecretForms Forms(DmsCredential? credential, string? signature) =>
        SecretForms.For(credential, signature is null ? Array.Empty<string>() : new[] { signature });

    /// <summary>The text with every form masked; the same instance when nothing matched.</summary>
    public static string? Redact(string? text, SecretForms forms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var form in forms.All)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// Redacts, then keeps at most <paramref name="maxLength"/> characters (marking the cut with "…"), and drops
    /// a tail that could be the beginning of a secret the cut went through.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The most characters to keep.</param>
    /// <param name="forms">What to mask.</param>
    /// <param name="truncated">Whether the text is itself the start of something longer, so its end is a cut too.</param>
    public static string? Bounded(string? text, int maxLength, SecretForms forms, bool truncated = false)
    {
        text = Redact(text, forms);
        if (text is null || (text.Length <= maxLength && !truncated))
        {
            return text;
        }

        var end = Math.Min(maxLength, text.Length);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        end -= forms.DanglingPrefixLength(text.AsSpan(0, end));
        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>Every form in which the secret, the token or an attempt's signature could come back, longest first.</summary>
    public sealed class SecretForms
    {
        public static readonly SecretForms None = new(new List<string>());

        private SecretForms(List<string> all) => All = all;

        public IReadOnlyList<string> All { get; }

        public static SecretForms For(DmsCredential? credential, IEnumerable<string> signatures)
        {
            var forms = new List<string>();
            if (credential is not null)
            {
                Add(forms, credential.AccessKeySecret);
                Add(forms, credential.SecurityToken);
            }

            foreach (var signature in signatures)
            {
                Add(forms, signature);
            }

            // Longest first, so that a form containing another is replaced whole.
            forms.Sort((a, b) => b.Length.CompareTo(a.Length));
            return new SecretForms(forms);
        }

        /// <summary>The length of the longest tail of <paramref name="text"/> that is the start of some form.</summary>
        public int DanglingPrefixLength(ReadOnlySpan<char> text)
        {
            var longest = 0;
            foreach (var form in All)
            {
                for (var length = Math.Min(form.Length - 1, text.Length); length > longest; length--)
                {
                    if (text[^length..].SequenceEqual(form.AsSpan(0, length)))
                    {
                        longest = length;
                        break;
                    }
                }
            }

            return longest;
        }

        private static void Add(List<string> forms, string? value)
        {
            if (value is null || value.Length < ShortestSecret)
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
}
