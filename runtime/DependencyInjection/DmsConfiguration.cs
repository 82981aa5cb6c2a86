using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dms.Codegen.DependencyInjection;

/// <summary>
/// Reads <see cref="DmsClientOptions"/> from configuration by name, without the reflection-based binder, so it
/// is trim- and NativeAOT-safe. Keys: <c>Endpoint</c>, <c>RegionId</c>, <c>SignatureVersion</c> (V3/V1),
/// <c>AttemptTimeout</c>, <c>OverallTimeout</c>, <c>UserAgent</c>, <c>MaxResponseBytes</c>, <c>Retry:MaxAttempts</c>,
/// <c>Retry:BaseDelay</c>, <c>Retry:MaxDelay</c>, and <c>AccessKeyId</c>/<c>AccessKeySecret</c>/<c>SecurityToken</c>
/// (when absent, the default credential chain is used). Time spans use the <c>hh:mm:ss</c> form. Any other key
/// is an error that names it (and the key it probably meant), so that <c>Region</c> for <c>RegionId</c> is not
/// silently ignored.
/// </summary>
public static class DmsConfiguration
{
    /// <summary>Applies the keys present in <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">A value is malformed; the message names the key (never a secret's value).</exception>
    public static void Bind(IConfiguration section, DmsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        CheckKeys(section, Keys);
        CheckKeys(section.GetSection("Retry"), RetryKeys);
        if (section["Endpoint"] is { Length: > 0 } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw Bad(section, "Endpoint", "an absolute URI");
        }

        options.RegionId = section["RegionId"] is { Length: > 0 } region ? region : options.RegionId;
        options.UserAgent = section["UserAgent"] is { Length: > 0 } agent ? agent : options.UserAgent;
        if (section["SignatureVersion"] is { Length: > 0 } version)
        {
            options.SignatureVersion = Enum.TryParse<DmsSignatureVersion>(version, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : throw Bad(section, "SignatureVersion", "V3 or V1");
        }

        if (section["MaxResponseBytes"] is { Length: > 0 } max)
        {
            options.MaxResponseBytes = long.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : throw Bad(section, "MaxResponseBytes", "a whole number of bytes");
        }

        options.AttemptTimeout = Time(section, "AttemptTimeout") ?? options.AttemptTimeout;
        options.OverallTimeout = Time(section, "OverallTimeout") ?? options.OverallTimeout;
        var retry = section.GetSection("Retry");
        if (retry["MaxAttempts"] is { Length: > 0 } attempts)
        {
            options.Retry.MaxAttempts = int.TryParse(attempts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : throw Bad(retry, "MaxAttempts", "a whole number");
        }

        options.Retry.BaseDelay = Time(retry, "BaseDelay") ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = Time(retry, "MaxDelay") ?? options.Retry.MaxDelay;

        var id = section["AccessKeyId"];
        var secret = section["AccessKeySecret"];
        if (!string.IsNullOrEmpty(id) || !string.IsNullOrEmpty(secret))
        {
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
            {
                throw new FormatException($"Configuration '{section.GetType().Name}' at '{Path(section)}' sets only one of AccessKeyId and AccessKeySecret; set both.");
            }

            options.Credentials = DmsCredentials.AccessKey(id, secret, section["SecurityToken"]);
        }
    }

    private static readonly string[] Keys =
    {
        "Endpoint", "RegionId", "SignatureVersion", "AttemptTimeout", "OverallTimeout", "UserAgent", "MaxResponseBytes",
        "Retry", "AccessKeyId", "AccessKeySecret", "SecurityToken",
    };

    private static readonly string[] RetryKeys = { "MaxAttempts", "BaseDelay", "MaxDelay" };

    /// <summary>Every key present must be one the client reads (keys are case-insensitive, as configuration is).</summary>
    private static void CheckKeys(IConfiguration section, string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (Array.FindIndex(known, k => k.Equals(child.Key, StringComparison.OrdinalIgnoreCase)) < 0)
            {
                var guess = Array.Find(known, k => Similar(k, child.Key));
                throw new FormatException($"Configuration key '{Path(section)}{child.Key}' is not a DMS client setting{(guess is null ? string.Empty : $"; did you mean '{guess}'?")} Known keys: {string.Join(", ", known)}.");
            }
        }
    }

    // A prefix of the other (Region, RegionIdentifier) or at most two edits apart (Endpiont).
    private static bool Similar(string known, string key) =>
        known.StartsWith(key, StringComparison.OrdinalIgnoreCase) || key.StartsWith(known, StringComparison.OrdinalIgnoreCase) || Distance(known.ToLowerInvariant(), key.ToLowerInvariant()) <= 2;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static TimeSpan? Time(IConfiguration section, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, "a time span such as 00:00:30");

    private static FormatException Bad(IConfiguration section, string key, string expected) =>
        new($"Configuration key '{Path(section)}{key}' must be {expected}.");

    private static string Path(IConfiguration section) => section is IConfigurationSection named ? named.Path + ":" : string.Empty;
}
