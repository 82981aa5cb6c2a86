using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.EndToEnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>services.AddDmsClient: IHttpClientFactory, configuration binding, named/keyed clients, and mocking.</summary>
public class DependencyInjectionTests
{
    [Fact]
    public async Task TheDefaultClientComesFromIHttpClientFactoryAndWorks()
    {
        await using var emulator = await Emulators.StartAsync();
        var seen = new ConcurrentQueue<Uri>();
        var services = new ServiceCollection();
        services.AddDmsClient(o =>
        {
            o.Endpoint = emulator.Endpoint;
            o.Credentials = DmsCredentials.AccessKey("testid", "testsecret");
        }).AddHttpMessageHandler(() => new RecordingHandler(seen));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IDmsClient>();
        var response = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId });

        Assert.IsType<DmsClient>(client);
        Assert.NotNull(provider.GetRequiredService<DmsClient>());
        Assert.Equal(DataTrackJobStatus.Init, response.JobDegree!.JobStatus);
        Assert.Single(seen); // the request went through the factory's handler pipeline
    }

    [Fact]
    public async Task NamedClientsForSeveralAccountsAreKeyedServices()
    {
        await using var emulator = await Emulators.StartAsync(o =>
        {
            o.AccessKeys["prod-key"] = "prod-secret";
            o.AccessKeys["test-key"] = "test-secret";
        });
        var services = new ServiceCollection();
        services.AddDmsClient("prod", o => { o.Endpoint = emulator.Endpoint; o.Credentials = DmsCredentials.AccessKey("prod-key", "prod-secret"); });
        services.AddDmsClient("test", o => { o.Endpoint = emulator.Endpoint; o.Credentials = DmsCredentials.AccessKey("test-key", "wrong"); });
        using var provider = services.BuildServiceProvider();

        var prod = provider.GetRequiredKeyedService<IDmsClient>("prod");
        var test = provider.GetRequiredKeyedService<IDmsClient>("test");

        Assert.NotNull((await prod.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId })).RequestId);
        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<DmsException>(() => test.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId }))).Code);
        Assert.Null(provider.GetService<IDmsClient>()); // no default client was registered
    }

    [Fact]
    public async Task OptionsBindFromConfiguration()
    {
        await using var emulator = await Emulators.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dms:Endpoint"] = emulator.Endpoint.ToString(),
            ["Dms:AccessKeyId"] = "testid",
            ["Dms:AccessKeySecret"] = "testsecret",
            ["Dms:SignatureVersion"] = "V1",
            ["Dms:AttemptTimeout"] = "00:00:05",
            ["Dms:Retry:MaxAttempts"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddDmsClient(configuration.GetSection("Dms"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<DmsClientOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);
        Assert.Equal(DmsSignatureVersion.V1, options.SignatureVersion);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AttemptTimeout);
        Assert.Equal(2, options.Retry.MaxAttempts);
        Assert.NotNull((await provider.GetRequiredService<IDmsClient>().GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId })).RequestId);
    }

    [Fact]
    public void MalformedConfigurationNamesTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Dms:Retry:MaxDelay"] = "soon", ["Dms:AccessKeySecret"] = "topsecret" }).Build();
        var services = new ServiceCollection();
        services.AddDmsClient(configuration.GetSection("Dms"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<FormatException>(() => provider.GetRequiredService<IDmsClient>());

        Assert.Contains("Dms:Retry:MaxDelay", exception.Message);
        Assert.DoesNotContain("topsecret", exception.Message);
    }

    [Theory]
    [InlineData("FILTER_SUCCESS", true)]
    [InlineData("DOWNLOAD_FAIL", true)]
    [InlineData("FILTERING", false)]
    [InlineData("ARCHIVED_BY_EMULATOR", false)]
    public async Task ConsumerCodeIsTestedAgainstAMockOfTheInterface(string status, bool finished)
    {
        var client = DispatchProxy.Create<IDmsClient, StubClient>();
        var stub = (StubClient)(object)client;
        stub.Answer = new GetDataTrackJobDegreeResponse { JobDegree = new() { JobStatus = new DataTrackJobStatus(status) } };

        var result = await TrackingWatcher.IsFinishedAsync(client, 9);

        Assert.Equal(finished, result);
        var (method, request) = Assert.Single(stub.Calls);
        Assert.Equal(nameof(IDmsClient.GetDataTrackJobDegreeAsync), method);
        Assert.Equal(9, ((GetDataTrackJobDegreeRequest)request).OrderId);
    }

    [Fact]
    public async Task ASubclassOverridesOneOperationAndSendsNothing()
    {
        var subclass = new OverriddenClient();

        var response = await subclass.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 9 });

        Assert.Equal("stub-9", response.RequestId);
        Assert.False(await TrackingWatcher.IsFinishedAsync(subclass, 9));
    }

    /// <summary>Consumer code that depends on the interface: a tracking job is finished once it succeeded or failed.</summary>
    private static class TrackingWatcher
    {
        public static async Task<bool> IsFinishedAsync(IDmsClient client, long orderId)
        {
            var status = (await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = orderId })).JobDegree?.JobStatus;
            return status == DataTrackJobStatus.FilterSuccess || status == DataTrackJobStatus.FilterFail || status == DataTrackJobStatus.DownloadFail;
        }
    }

    /// <summary>A mock of the whole interface: records each call and answers the one operation it was given.</summary>
    public class StubClient : DispatchProxy
    {
        public object? Answer { get; set; }

        public List<(string Method, object Request)> Calls { get; } = new();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add((targetMethod!.Name, args![0]!));
            var responseType = targetMethod.ReturnType.GetGenericArguments()[0];
            if (Answer is null || Answer.GetType() != responseType)
            {
                throw new NotSupportedException($"{targetMethod.Name} is not mocked.");
            }

            return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(responseType).Invoke(null, new[] { Answer });
        }
    }

    private sealed class OverriddenClient : DmsClient
    {
        public override Task<GetDataTrackJobDegreeResponse> GetDataTrackJobDegreeAsync(GetDataTrackJobDegreeRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GetDataTrackJobDegreeResponse { RequestId = "stub-" + request.OrderId, JobDegree = new() { JobStatus = DataTrackJobStatus.Listing } });
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        private readonly ConcurrentQueue<Uri> _seen;

        public RecordingHandler(ConcurrentQueue<Uri> seen) => _seen = seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _seen.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
