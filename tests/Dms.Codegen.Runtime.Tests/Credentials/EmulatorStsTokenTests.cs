using System;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>
/// The emulator accepts a temporary credential only as DMS does: one its STS fake issued, with that credential's
/// own security token, before it expires on the fake's clock.
/// </summary>
public sealed class EmulatorStsTokenTests
{
    [Theory]
    [InlineData(DmsSignatureVersion.V3)]
    [InlineData(DmsSignatureVersion.V1)]
    public async Task ACredentialTheStsIssuedIsAcceptedWithItsToken(DmsSignatureVersion version)
    {
        await using var kit = new CredentialKit();
        var sts = await kit.StsAsync();
        var role = kit.Role();
        await using var emulator = await StartAsync(sts);
        using var client = TestClients.Create(emulator.Endpoint, o => { o.Credentials = role; o.SignatureVersion = version; });

        var response = await client.GetDataTrackJobDegreeAsync(Tracking(emulator));

        Assert.NotNull(response.RequestId);
        Assert.Single(sts.Issued);
    }

    [Theory]
    [InlineData(DmsSignatureVersion.V3)]
    [InlineData(DmsSignatureVersion.V1)]
    public async Task AnotherTokenOrNoneIsRefused(DmsSignatureVersion version)
    {
        await using var kit = new CredentialKit();
        var sts = await kit.StsAsync();
        var issued = await kit.Role().GetCredentialAsync(default);
        await using var emulator = await StartAsync(sts);

        var wrong = await CallAsync(emulator, version, DmsCredentials.AccessKey(issued.AccessKeyId, issued.RevealAccessKeySecret(), "CAIS-not-the-issued-token"));
        var missing = await CallAsync(emulator, version, DmsCredentials.AccessKey(issued.AccessKeyId, issued.RevealAccessKeySecret()));

        Assert.Equal("InvalidSecurityToken.MismatchWithAccessKey", wrong.Code);
        Assert.Equal("MissingSecurityToken", missing.Code);
        Assert.DoesNotContain(issued.RevealSecurityToken()!, wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACredentialPastItsExpirationIsRefusedThoughItsSignatureIsRight()
    {
        await using var kit = new CredentialKit();
        var sts = await kit.StsAsync();
        var issued = await kit.Role().GetCredentialAsync(default);
        await using var emulator = await StartAsync(sts);
        var fixedCredential = DmsCredentials.AccessKey(issued.AccessKeyId, issued.RevealAccessKeySecret(), issued.RevealSecurityToken());
        Assert.Null((await CallAsync(emulator, DmsSignatureVersion.V3, fixedCredential, expectError: false)).Code);

        kit.Clock.Advance(issued.Expiration!.Value - kit.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var expired = await CallAsync(emulator, DmsSignatureVersion.V3, fixedCredential);

        Assert.Equal("InvalidSecurityToken.Expired", expired.Code);
    }

    [Fact]
    public async Task ATemporaryKeyNoFakeIssuedIsNotFound()
    {
        await using var kit = new CredentialKit();
        var sts = await kit.StsAsync();
        await using var emulator = await StartAsync(sts);

        var unknown = await CallAsync(emulator, DmsSignatureVersion.V3, DmsCredentials.AccessKey("STS.never-issued", "secret", "CAIS-token"));

        Assert.Equal("InvalidAccessKeyId.NotFound", unknown.Code);
    }

    private static async Task<DmsEmulator> StartAsync(Dms.Codegen.Emulator.Fakes.FakeStsService sts)
    {
        var options = new DmsEmulatorOptions();
        options.TemporaryCredentialIssuers.Add(sts);
        return await DmsEmulator.StartAsync(options);
    }

    /// <summary>One call; the DmsException it ends in (or, with <paramref name="expectError"/> false, an empty one).</summary>
    private static async Task<(string? Code, string Message)> CallAsync(DmsEmulator emulator, DmsSignatureVersion version, IDmsCredentialProvider credentials, bool expectError = true)
    {
        using var client = TestClients.Create(emulator.Endpoint, o => { o.Credentials = credentials; o.SignatureVersion = version; });
        if (!expectError)
        {
            Assert.NotNull((await client.GetDataTrackJobDegreeAsync(Tracking(emulator))).RequestId);
            return (null, string.Empty);
        }

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Tracking(emulator)));
        return (exception.Code, exception.Message);
    }

    private static GetDataTrackJobDegreeRequest Tracking(DmsEmulator emulator) => new() { OrderId = emulator.State.SeedTicket(Dms.Codegen.Emulator.State.TicketKind.DataTrack), Tid = -1 };
}
