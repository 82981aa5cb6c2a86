using System;
using System.Collections.Generic;
using Dms.Codegen.Credentials;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Http;

/// <summary>
/// Removes secrets from what a server sent back. Alibaba's gateway answers <c>SignatureDoesNotMatch</c> with
/// "server string to sign is: ...", which contains the STS token percent-encoded once (V3 canonical headers)
/// or twice (V1 string to sign); a DmsException carries that text, so it is masked before anyone sees it.
/// Text is always redacted whole before it is cut, and a cut never leaves the start of a secret at its end.
/// Forms match whatever their case (a server may echo lowercase percent-encoding) and through JSON escapes of
/// printable ASCII (Gson writes '=' as \u003d; any character can be escaped). Only error paths pay for this.
/// </summary>
internal static class DmsRedaction
{
    public const string Mask = "***";

    // Very short values would mask ordinary words; credentials are never that short.
    private const int ShortestSecret = 6;

    /// <summary>Every form of the credential's secret and token and of one signature.</summary>
    public static SecretForms Forms(DmsCredential? credential, string? signature) =>
        SecretForms.For(credential, signature is null ? Array.Empty<string>() : new[] { signature });

    /// <summary>The text with every form masked (its JSON escapes of printable ASCII then written plain); the same instance when nothing matched.</summary>
    public static string? Redact(string? text, SecretForms forms)
    {
        if (string.IsNullOrEmpty(text) || forms.All.Count == 0)
        {
            return text;
        }

        var masked = Plain(text);
        var matched = false;
        foreach (var form in forms.All)
        {
            if (masked.Contains(form, StringComparison.OrdinalIgnoreCase))
            {
                masked = masked.Replace(form, Mask, StringComparison.OrdinalIgnoreCase);
                matched = true;
            }
        }

        return matched ? masked : text;
    }

    /// <summary>
    /// The text with each JSON escape of a printable ASCII character other than '"' and '\' (<c>\u0041</c>, <c>\/</c>)
    /// written as that character, so that a secret spelled with escapes is seen; the same instance when there is none.
    /// </summary>
    public static string Plain(string text)
    {
        var at = text.IndexOf('\\', StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var plain = new System.Text.StringBuilder(text.Length);
        plain.Append(text, 0, at);
        while (at < text.Length)
        {
            var c = text[at];
            if (c != '\\' || at + 1 == text.Length)
            {
                plain.Append(c);
                at++;
            }
            else if (text[at + 1] == '/')
            {
                plain.Append('/');
                at += 2;
            }
            else if (text[at + 1] == 'u' && at + 6 <= text.Length
                && int.TryParse(text.AsSpan(at + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
                && code is >= 0x20 and < 0x7F and not '"' and not '\\')
            {
                plain.Append((char)code);
                at += 6;
            }
            else
            {
                // Any other escape (\\ included) is kept as it is, both of its first characters at once.
                plain.Append(c).Append(text[at + 1]);
                at += 2;
            }
        }

        return plain.ToString();
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

        // Written plain before the cut, so that a secret's escaped start at the end is seen as one.
        text = Plain(text);

        var end = Math.Min(maxLength, text.Length);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        end = CutEnd(text.AsSpan(0, end), forms);
        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>
    /// Where a cut of <paramref name="text"/> (already <see cref="Plain"/>) ends: before an escape the cut went
    /// through (<c>\u00</c>), then before a tail that could be the start of a secret.
    /// </summary>
    public static int CutEnd(ReadOnlySpan<char> text, SecretForms forms)
    {
        var end = text.Length;
        var from = Math.Max(0, end - 5);
        var slash = text[from..].LastIndexOf('\\');
        if (slash >= 0 && (from + slash == end - 1 || text[from + slash + 1] == 'u'))
        {
            end = from + slash;
        }

        return end - forms.DanglingPrefixLength(text[..end]);
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
                    if (text[^length..].Equals(form.AsSpan(0, length), StringComparison.OrdinalIgnoreCase))
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
            // JSON-escaped spellings (\u002B for +, \/ for /) are matched through Plain.
            foreach (var form in new[] { value, once, PercentEncoder.Encode(once) })
            {
                AddDistinct(forms, form);
            }
        }

        private static void AddDistinct(List<string> forms, string form)
        {
            if (!forms.Exists(known => string.Equals(known, form, StringComparison.OrdinalIgnoreCase)))
            {
                forms.Add(form);
            }
        }
    }
}
