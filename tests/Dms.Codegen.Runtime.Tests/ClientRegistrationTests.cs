using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Dms.Codegen.Runtime.Tests.Hostile;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;
using Xunit.Abstractions;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>AddDmsClient: one instance per name, nothing retained per resolve, options checked when the host starts, unknown keys reported.</summary>
[Collection(MemoryMeasuringCollection.Name)]
public class ClientRegistrationTests
{
    private readonly ITestOutputHelper _output;

    public ClientRegistrationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task EachNameResolvesToOneInstanceThatWorks()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        var services = new ServiceCollection();
        services.AddDmsClient(o => Configure(o, server.Endpoint));
        services.AddDmsClient("other", o => Configure(o, server.Endpoint));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        var client = provider.GetRequiredService<DmsClient>();
        Assert.Same(client, provider.GetRequiredService<DmsClient>());
        Assert.Same(client, provider.GetRequiredService<IDmsClient>());
        Assert.Same(client, provider.GetRequiredKeyedService<IDmsClient>(Options.DefaultName));
        var other = provider.GetRequiredKeyedService<IDmsClient>("other");
        Assert.Same(other, provider.GetRequiredKeyedService<DmsClient>("other"));
        Assert.NotSame(client, other);
        using (var scope = provider.CreateScope())
        {
            Assert.Same(client, scope.ServiceProvider.GetRequiredService<IDmsClient>());
            Assert.Same(other, scope.ServiceProvider.GetRequiredKeyedService<IDmsClient>("other"));
        }

        // The one instance takes an HttpClient from the factory per call: many calls, one client, all answered.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("req-ok", (await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
            Assert.Equal("req-ok", (await other.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
        }

        Assert.Equal(6, server.RequestCount);
    }

    [Fact]
    public async Task ManyResolvesFromTheRootRetainNothing()
    {
        var services = new ServiceCollection();
        services.AddDmsClient(o => Configure(o, new Uri("http://127.0.0.1:9")));
        await using var provider = services.BuildServiceProvider();
        var first = provider.GetRequiredService<IDmsClient>();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 20_000; i++)
        {
            Assert.Same(first, provider.GetRequiredService<IDmsClient>());
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        _output.WriteLine($"20,000 resolves retained {retained:N0} bytes");

        // A transient IDisposable would be kept by the root provider until it is disposed: 20,000 of them
        // retained megabytes. A singleton retains nothing per resolve.
        Assert.True(retained < 256 * 1024, $"20,000 resolves retained {retained:N0} bytes");
        GC.KeepAlive(first);
    }

    [Fact]
    public async Task InvalidOptionsFailWhenTheHostStartsNamingTheSetting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDmsClient("reports", o =>
        {
            Configure(o, null);
            o.RegionId = "CN HANGZHOU";
        });
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("reports", exception.OptionsName);
        Assert.Contains("DMS client 'reports'", exception.Message);
        Assert.Contains("RegionId", exception.Message);
        Assert.Contains("CN HANGZHOU", exception.Message);
    }

    [Fact]
    public async Task ValidOptionsStartTheHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDmsClient(o => Configure(o, null));
        using var host = builder.Build();

        await host.StartAsync();

        Assert.NotNull(host.Services.GetRequiredService<IDmsClient>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Dms:Region", "cn-hangzhou", "RegionId")]
    [InlineData("Dms:Endpiont", "http://127.0.0.1:9", "Endpoint")]
    [InlineData("Dms:Retry:MaxAttempt", "2", "MaxAttempts")]
    [InlineData("Dms:AccessKey", "id", "AccessKeyId")]
    public async Task AnUnknownConfigurationKeyFailsTheStartNamingTheLikelyKey(string key, string value, string meant)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dms:AccessKeyId"] = TestClients.KeyId,
            ["Dms:AccessKeySecret"] = TestClients.Secret,
            [key] = value,
        });
        builder.Services.AddDmsClient(builder.Configuration.GetSection("Dms"));
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<FormatException>(() => host.StartAsync());

        Assert.Contains($"'{key}'", exception.Message);
        Assert.Contains($"did you mean '{meant}'", exception.Message);
        Assert.DoesNotContain(TestClients.Secret, exception.Message);
    }

    private static void Configure(DmsClientOptions options, Uri? endpoint)
    {
        options.Endpoint = endpoint;
        options.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret);
    }
}
