using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>
/// A fake clock, an environment of its own (nothing from the process), a temporary home directory and
/// options that point every credential service at loopback fakes. The metadata step can never reach
/// 100.100.100.200: <see cref="Options"/> points it at a local port.
/// </summary>
public sealed class CredentialKit : IAsyncDisposable
{
    public const string RoleArn = "acs:ram::1234567890123456:role/dms-reader";
    public const string ProviderArn = "acs:ram::1234567890123456:oidc-provider/ack-rrsa";
    public const string Secret = "Src-Secret-Never-Shown-5e2d";
    public const string Token = "Src-Token-Never-Shown-a17c";

    private readonly List<IAsyncDisposable> _fakes = [];

    public CredentialKit()
    {
        Home = Directory.CreateTempSubdirectory("dms-creds-").FullName;
        Environment = new CredentialEnvironment(name => Variables.TryGetValue(name, out var v) ? v : null, () => Home);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string> Variables { get; } = new();

    public CredentialEnvironment Environment { get; }

    public string Home { get; }

    /// <summary>Set by <see cref="StsAsync"/> and friends; until then the endpoints are closed local ports.</summary>
    public DmsCredentialOptions Options { get; } = new()
    {
        StsEndpoint = new Uri("http://127.0.0.1:9/"),
        MetadataEndpoint = new Uri("http://127.0.0.1:9/"),
    };

    public async Task<FakeStsService> StsAsync(Action<FakeStsOptions>? configure = null)
    {
        var options = new FakeStsOptions { TimeProvider = Clock };
        options.AccessKeys["source-id"] = Secret;
        configure?.Invoke(options);
        var sts = Track(await FakeStsService.StartAsync(options));
        Options.StsEndpoint = sts.Endpoint;
        Options.TimeProvider = Clock;
        return sts;
    }

    public async Task<FakeMetadataService> MetadataAsync(Action<FakeMetadataOptions>? configure = null)
    {
        var options = new FakeMetadataOptions { TimeProvider = Clock };
        configure?.Invoke(options);
        var metadata = Track(await FakeMetadataService.StartAsync(options));
        Options.MetadataEndpoint = metadata.Endpoint;
        Options.TimeProvider = Clock;
        return metadata;
    }

    public async Task<FakeCredentialsUri> UriAsync()
    {
        Options.TimeProvider = Clock;
        return Track(await FakeCredentialsUri.StartAsync(timeProvider: Clock));
    }

    public IDmsCredentialProvider SourceKey(string? token = null) => DmsCredentials.AccessKey("source-id", Secret, token);

    public IDmsCredentialProvider Role(IDmsCredentialProvider? source = null, Action<DmsRamRoleOptions>? configure = null)
    {
        var role = new DmsRamRoleOptions { RoleArn = RoleArn, RoleSessionName = "unit-test" };
        configure?.Invoke(role);
        return DmsCredentials.RamRoleArn(source ?? SourceKey(), role, Options, Environment);
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);

        // The file caches notice a change by write time or length; make every rewrite count.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(_writes++));
        return path;
    }

    private int _writes;

    public async ValueTask DisposeAsync()
    {
        foreach (var fake in _fakes)
        {
            await fake.DisposeAsync();
        }

        Directory.Delete(Home, recursive: true);
    }

    private T Track<T>(T fake) where T : IAsyncDisposable
    {
        _fakes.Add(fake);
        return fake;
    }

    /// <summary>The credential matches what the fake issued, secret and token included.</summary>
    public static void AssertIssued(FakeIssuedCredential issued, DmsCredential credential)
    {
        Assert.Equal(issued.AccessKeyId, credential.AccessKeyId);
        Assert.Equal(issued.AccessKeySecret, credential.RevealAccessKeySecret());
        Assert.Equal(issued.SecurityToken, credential.RevealSecurityToken());
        Assert.Equal(issued.Expiration, credential.Expiration);
    }

    /// <summary>The failure names the source and shows none of the secrets, whatever else it says.</summary>
    public static void AssertSafe(Exception exception, string source, params string?[] secrets)
    {
        Assert.Contains(source, exception.Message);
        var text = exception.ToString();
        foreach (var secret in secrets.Where(s => s is not null).Append(Secret).Append(Token))
        {
            Assert.DoesNotContain(secret!, text);
            Assert.DoesNotContain(Uri.EscapeDataString(secret!), text);
        }
    }
}
