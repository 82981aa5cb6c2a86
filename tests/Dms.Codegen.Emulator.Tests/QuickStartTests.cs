using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using QuickStart;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The README's main command, run in-process: it must reach both terminal states on the emulator.</summary>
public class QuickStartTests
{
    [Fact]
    public async Task RunsToCompletionOnTheBuiltInEmulator()
    {
        var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exitCode = await QuickStartApp.RunAsync(Array.Empty<string>(), _ => null, output, interactive: false, timeout.Token, stepPerQuery: true);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("using the built-in DMS emulator", text);
        Assert.Contains("precheck: \"SELECT * FROM orders LIMIT 5\" affects about 5 rows", text);
        Assert.Contains("approved", text);
        Assert.Contains("export [##########] 100%  EXPORT_SUCCESS", text);
        Assert.Contains("downloaded 5 rows; the first ones:\n    order_id,customer,amount,created_at\n    1,customer-1,10.50,", text.Replace("\r", string.Empty));
        Assert.Contains("filter [##########] 100%  FILTER_SUCCESS", text);
        Assert.Contains("LISTING", text);
        Assert.Contains("DOWNLOADING", text);
        Assert.Contains("FILTERING", text);
        Assert.Contains("DATA_EXPORT      success", text);
        Assert.Contains("DATA_TRACKING    success", text);
    }

    [Theory]
    [InlineData("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set")]
    [InlineData("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_ID is not set")]
    public async Task HalfAConfigurationGetsAClearMessage(string onlyVariable, string expected)
    {
        var output = new StringWriter();
        var environment = new Dictionary<string, string> { [onlyVariable] = "value" };

        var exitCode = await QuickStartApp.RunAsync(Array.Empty<string>(), name => environment.GetValueOrDefault(name), output, interactive: false, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output.ToString());
        Assert.DoesNotContain("value", output.ToString());
    }

    [Fact]
    public async Task RealDmsWithoutTicketIdsSaysWhatIsMissing()
    {
        var output = new StringWriter();
        var environment = new Dictionary<string, string> { ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "id", ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "secret" };

        var exitCode = await QuickStartApp.RunAsync(new[] { "12" }, name => environment.GetValueOrDefault(name), output, interactive: false, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("needs two ticket ids", output.ToString());
        Assert.Contains("--create-tickets", output.ToString());
    }

    [Fact]
    public async Task CreatingTicketsOnRealDmsNeedsTheDatabase()
    {
        var output = new StringWriter();
        var environment = new Dictionary<string, string> { ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "id", ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "secret" };

        var exitCode = await QuickStartApp.RunAsync(new[] { QuickStartApp.CreateTicketsFlag }, name => environment.GetValueOrDefault(name), output, interactive: false, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("set DMS_DB_ID and DMS_INSTANCE_ID", output.ToString());
    }
}
