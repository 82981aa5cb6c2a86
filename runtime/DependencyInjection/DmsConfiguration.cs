using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dms.Codegen.DependencyInjection;

/// <summary>
/// Reads <see cref="DmsClientOptions"/> from configuration by name, without the reflection-based binder, so it
/// is trim- and NativeAOT-safe. Keys: <c>Endpoint</c>, <c>RegionId</c>, <c>SignatureVersion</c> (V3/V1),
/// <c>AttemptTimeout</c>, <c>OverallTimeout</c>, <c>UserAgent</c>, <c>Retry:MaxAttempts</c>, <c>Retry:BaseDelay</c>,
/// <c>Retry:MaxDelay</c>, and <c>AccessKeyId</c>/<c>AccessKeySecret</c>/<c>SecurityToken</c> (when absent, the
/// default credential chain is used). Time spans use the <c>hh:mm:ss</c> form.
/// </summary>
public static class DmsConfiguration
{
    /// <summary>Applies the keys present in <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">A value is malformed; the message names the key (never a secret's value).</exception>
    public static void Bind(IConfiguration section, DmsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
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

    private static TimeSpan? Time(IConfiguration section, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, "a time span such as 00:00:30");

    private static FormatException Bad(IConfiguration section, string key, string expected) =>
        new($"Configuration key '{Path(section)}{key}' must be {expected}.");

    private static string Path(IConfiguration section) => section is IConfigurationSection named ? named.Path + ":" : string.Empty;
}
