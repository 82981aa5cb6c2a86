using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Fakes;

/// <summary>What a <see cref="FakeStsService"/> accepts.</summary>
public sealed class FakeStsOptions
{
    /// <summary>Long-term access key id → secret that may call AssumeRole. Empty means <c>testid</c>/<c>testsecret</c>.</summary>
    public IDictionary<string, string> AccessKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>OIDC tokens AssumeRoleWithOIDC accepts; empty accepts any token of 4 to 20,000 characters.</summary>
    public ISet<string> OidcTokens { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The roles' maximum session duration (default 1 hour, a role's default); a longer DurationSeconds is refused.</summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far a request's Timestamp may be from the fake's clock (15 minutes).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock expirations and timestamps are judged by.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>
/// A loopback STS (<c>2015-04-01</c>): <c>AssumeRole</c> checks the RPC signature with the emulator's own
/// verifier (a long-term key, or a temporary one it issued together with its SecurityToken, so a role can be
/// chained from a role) and <c>AssumeRoleWithOIDC</c> is anonymous, as on Alibaba Cloud. Each success issues a
/// fresh temporary credential; <see cref="TryGetIssued"/> lets another fake (the DMS emulator) accept it.
/// </summary>
public sealed class FakeStsService : CredentialFake
{
    private static readonly Regex RoleArn = new(@"^acs:ram::\d+:role/[^\s/]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex ProviderArn = new(@"^acs:ram::\d+:oidc-provider/[^\s/]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex SessionName = new(@"^[A-Za-z0-9.@\-_]{2,64}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly FakeStsOptions _options;
    private readonly IReadOnlyDictionary<string, string> _keys;
    private readonly NonceCache _nonces;

    private FakeStsService(FakeStsOptions options)
        : base(options.TimeProvider)
    {
        _options = options;
        _keys = options.AccessKeys.Count > 0 ? new Dictionary<string, string>(options.AccessKeys, StringComparer.Ordinal) : new Dictionary<string, string> { [DmsEmulatorOptions.DefaultAccessKeyId] = DmsEmulatorOptions.DefaultAccessKeySecret };
        _nonces = new NonceCache(options.MaxClockSkew, capacity: 100_000, options.TimeProvider);
    }

    /// <summary>Starts a fake STS on 127.0.0.1 on a free port; point <c>DmsCredentialOptions.StsEndpoint</c> at <see cref="CredentialFake.Endpoint"/>.</summary>
    public static async Task<FakeStsService> StartAsync(FakeStsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fake = new FakeStsService(options ?? new FakeStsOptions());
        await fake.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return fake;
    }

    /// <summary>A temporary credential this fake issued, by key id (whether or not it has expired).</summary>
    public bool TryGetIssued(string accessKeyId, out FakeIssuedCredential credential)
    {
        credential = Issued.LastOrDefault(c => c.AccessKeyId == accessKeyId)!;
        return credential is not null;
    }

    private protected override async Task AnswerAsync(HttpContext context, IncomingRequest incoming, FakeRequest request)
    {
        var (issued, error) = request.Parameter("Action") switch
        {
            "AssumeRole" => AssumeRole(incoming, request),
            "AssumeRoleWithOIDC" => AssumeRoleWithOidc(request),
            var other => (null, AlibabaError.UnknownAction(other ?? "(none)")),
        };
        if (error is not null)
        {
            await error.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, Answer(issued!, request)).ConfigureAwait(false);
    }

    private (FakeIssuedCredential?, AlibabaError?) AssumeRole(IncomingRequest incoming, FakeRequest request)
    {
        // The key set grows as credentials are issued; a verifier is cheap, so one is made per request with
        // replay protection kept here, across requests.
        var now = Time.GetUtcNow();
        var keys = new DmsEmulatorOptions { TimeProvider = Time, MaxClockSkew = _options.MaxClockSkew, ReplayProtection = false };
        foreach (var key in _keys.Concat(Issued.Select(c => new KeyValuePair<string, string>(c.AccessKeyId, c.AccessKeySecret))))
        {
            keys.AccessKeys[key.Key] = key.Value;
        }

        var (caller, error) = new SignatureVerifier(keys).Verify(incoming);
        if (error is not null)
        {
            return (null, error);
        }

        // The verifier has checked that the timestamp parses and lies within the skew window.
        var signedAt = DateTimeOffset.ParseExact(request.Parameter("Timestamp")!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        switch (_nonces.TryUse(caller!.AccessKeyId, request.Parameter("SignatureNonce")!, signedAt))
        {
            case NonceVerdict.Replayed:
                return (null, AlibabaError.NonceUsed());
            case NonceVerdict.Full:
                return (null, AlibabaError.NonceCacheFull(_nonces.UntilNextExpiry));
        }

        if (TryGetIssued(caller.AccessKeyId, out var source))
        {
            var token = request.Parameter("SecurityToken");
            if (string.IsNullOrEmpty(token))
            {
                return (null, new AlibabaError(HttpStatusCode.BadRequest, "MissingSecurityToken", "SecurityToken is mandatory for this action."));
            }

            if (token != source.SecurityToken)
            {
                return (null, new AlibabaError(HttpStatusCode.BadRequest, "InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey."));
            }

            if (!source.IsValidAt(now))
            {
                return (null, new AlibabaError(HttpStatusCode.BadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."));
            }
        }

        return Role(request, "AssumeRole");
    }

    private (FakeIssuedCredential?, AlibabaError?) AssumeRoleWithOidc(FakeRequest request)
    {
        var provider = request.Parameter("OIDCProviderArn");
        var token = request.Parameter("OIDCToken");
        if (string.IsNullOrEmpty(provider))
        {
            return (null, AlibabaError.MissingParameter("OIDCProviderArn"));
        }

        if (!ProviderArn.IsMatch(provider))
        {
            return (null, new AlibabaError(HttpStatusCode.BadRequest, "InvalidParameter.OIDCProviderArn", "The parameter OIDCProviderArn is invalid."));
        }

        if (string.IsNullOrEmpty(token))
        {
            return (null, AlibabaError.MissingParameter("OIDCToken"));
        }

        if (token.Length is < 4 or > 20000 || (_options.OidcTokens.Count > 0 && !_options.OidcTokens.Contains(token)))
        {
            return (null, new AlibabaError(HttpStatusCode.BadRequest, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid."));
        }

        return Role(request, "AssumeRoleWithOIDC");
    }

    private (FakeIssuedCredential?, AlibabaError?) Role(FakeRequest request, string action)
    {
        var role = request.Parameter("RoleArn");
        if (string.IsNullOrEmpty(role))
        {
            return (null, AlibabaError.MissingParameter("RoleArn"));
        }

        if (!RoleArn.IsMatch(role))
        {
            return (null, new AlibabaError(HttpStatusCode.BadRequest, "InvalidParameter.RoleArn", "The parameter RoleArn is invalid."));
        }

        var session = request.Parameter("RoleSessionName");
        if (string.IsNullOrEmpty(session) ? action == "AssumeRole" : !SessionName.IsMatch(session))
        {
            return (null, new AlibabaError(HttpStatusCode.BadRequest, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is invalid."));
        }

        var seconds = 3600;
        if (request.Parameter("DurationSeconds") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds < 900 || seconds > _options.MaxSessionDuration.TotalSeconds))
        {
            return (null, new AlibabaError(HttpStatusCode.BadRequest, "InvalidParameter.DurationSeconds", $"The DurationSeconds is out of range (900 to {_options.MaxSessionDuration.TotalSeconds:0})."));
        }

        return (Issue(TimeSpan.FromSeconds(seconds), action, role), null);
    }

    private static string Answer(FakeIssuedCredential issued, FakeRequest request)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("RequestId", Guid.NewGuid().ToString("D").ToUpperInvariant());
            writer.WriteStartObject("AssumedRoleUser");
            writer.WriteString("Arn", issued.RoleArn!.Replace(":role/", ":assumed-role/", StringComparison.Ordinal) + "/" + (request.Parameter("RoleSessionName") ?? "session"));
            writer.WriteString("AssumedRoleId", "3" + issued.AccessKeyId[^12..]);
            writer.WriteEndObject();
            writer.WriteStartObject("Credentials");
            writer.WriteString("AccessKeyId", issued.AccessKeyId);
            writer.WriteString("AccessKeySecret", issued.AccessKeySecret);
            writer.WriteString("SecurityToken", issued.SecurityToken);
            writer.WriteString("Expiration", issued.ExpirationText);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
