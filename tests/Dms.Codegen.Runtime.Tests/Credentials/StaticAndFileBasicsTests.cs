using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

public sealed class StaticAndFileBasicsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("dms-creds-").FullName;
    private readonly Dictionary<string, string> _variables = new();

    private CredentialEnvironment Environment => new(name => _variables.TryGetValue(name, out var v) ? v : null, () => _home);

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task EnvironmentVariablesWithAToken()
    {
        _variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "id1";
        _variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = TestClients.Secret;
        _variables["ALIBABA_CLOUD_SECURITY_TOKEN"] = TestClients.Token;

        var credential = await DmsCredentials.Environment(Environment).GetCredentialAsync(default);

        Assert.Equal(("id1", TestClients.Secret, TestClients.Token), (credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken));
    }

    [Fact]
    public async Task AHalfSetEnvironmentNamesTheMissingVariableAndHidesTheSecret()
    {
        _variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = TestClients.Secret;

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.Environment(Environment).GetCredentialAsync(default).AsTask());

        Assert.Contains("ALIBABA_CLOUD_ACCESS_KEY_ID is not set", exception.Message);
        Assert.Contains("environment variables", exception.Message);
        Assert.DoesNotContain(TestClients.Secret, exception.ToString());
    }

    [Fact]
    public async Task IniFileProfileFromTheEnvironment()
    {
        var path = Write(".alibabacloud/credentials", $"[default]\ntype = access_key\naccess_key_id = d\naccess_key_secret = x\n\n[prod]\ntype = access_key\naccess_key_id = p1\naccess_key_secret = {TestClients.Secret}\n");
        _variables["ALIBABA_CLOUD_PROFILE"] = "prod";

        var credential = await DmsCredentials.CredentialsFile(environment: Environment).GetCredentialAsync(default);

        Assert.Equal("p1", credential.AccessKeyId);
        Assert.Equal(TestClients.Secret, credential.AccessKeySecret);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task IniFilePathFromTheEnvironmentAndItsProblems()
    {
        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = Write("elsewhere.ini", $"[default]\ntype = rsa_key_pair\npublic_key_id = r\n");
        var wrongType = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.CredentialsFile(environment: Environment).GetCredentialAsync(default).AsTask());
        Assert.Contains("elsewhere.ini", wrongType.Message);
        Assert.Contains("rsa_key_pair", wrongType.Message);
        Assert.Contains("not supported", wrongType.Message);

        _variables["ALIBABA_CLOUD_PROFILE"] = "missing";
        var noSection = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.CredentialsFile(environment: Environment).GetCredentialAsync(default).AsTask());
        Assert.Contains("no section [missing]", noSection.Message);

        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = Path.Combine(_home, "nope.ini");
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.CredentialsFile(environment: Environment).GetCredentialAsync(default).AsTask())).Message);
    }

    [Fact]
    public async Task CliProfilesAkAndStsToken()
    {
        Write(".aliyun/config.json", $$"""
            {"current":"sts","profiles":[
              {"name":"default","mode":"AK","access_key_id":"ak1","access_key_secret":"s1"},
              {"name":"sts","mode":"StsToken","access_key_id":"ak2","access_key_secret":"{{TestClients.Secret}}","sts_token":"{{TestClients.Token}}"},
              {"name":"sso","mode":"CloudSSO","access_key_id":"ak3","access_key_secret":"s3"}]}
            """);

        var current = await DmsCredentials.CliProfile(environment: Environment).GetCredentialAsync(default);
        Assert.Equal(("ak2", TestClients.Token), (current.AccessKeyId, current.SecurityToken));

        var named = await DmsCredentials.CliProfile(profile: "default", environment: Environment).GetCredentialAsync(default);
        Assert.Equal(("ak1", (string?)null), (named.AccessKeyId, named.SecurityToken));

        var unsupported = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.CliProfile(profile: "sso", environment: Environment).GetCredentialAsync(default).AsTask());
        Assert.Contains("mode CloudSSO, which is not supported", unsupported.Message);
    }

    [Fact]
    public async Task MalformedCliFileNamesTheFile()
    {
        Write(".aliyun/config.json", "{ \"profiles\": [ ");

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.CliProfile(environment: Environment).GetCredentialAsync(default).AsTask());

        Assert.Contains("config.json", exception.Message);
        Assert.Contains("not valid JSON", exception.Message);
    }

    [Fact]
    public async Task FileSourcesAreReadOnceUntilTheFileChanges()
    {
        var path = Write(".alibabacloud/credentials", "[default]\naccess_key_id = first\naccess_key_secret = s\n");
        var provider = DmsCredentials.CredentialsFile(environment: Environment);
        var first = await provider.GetCredentialAsync(default);
        Assert.Equal("first", first.AccessKeyId);
        Assert.Same(first, await provider.GetCredentialAsync(default)); // not read and parsed again per attempt

        File.WriteAllText(path, "[default]\naccess_key_id = rotated\naccess_key_secret = s2\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("rotated", (await provider.GetCredentialAsync(default)).AccessKeyId);
        File.Delete(path);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<DmsCredentialException>(() => provider.GetCredentialAsync(default).AsTask())).Message);
    }

    [Fact]
    public void ToStringNeverShowsTheSecretOrToken()
    {
        var credential = new DmsCredential("id", TestClients.Secret, TestClients.Token);
        Assert.DoesNotContain(TestClients.Secret, credential.ToString());
        Assert.DoesNotContain(TestClients.Token, credential.ToString());
        Assert.DoesNotContain(TestClients.Secret, DmsCredentials.AccessKey("id", TestClients.Secret, TestClients.Token).ToString());
    }

    private string Write(string relativePath, string content)
    {
        var path = Path.Combine(_home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
