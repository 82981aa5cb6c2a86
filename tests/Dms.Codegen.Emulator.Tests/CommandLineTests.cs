using System;
using System.CommandLine;
using System.Linq;
using Dms.Codegen.Emulator.Tool;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The dms-emulator command line, on System.CommandLine: common conventions, clear errors.</summary>
public class CommandLineTests
{
    private static ParseResult Parse(params string[] args) => EmulatorCommand.Create((_, _, _) => System.Threading.Tasks.Task.FromResult(0)).Parse(args);

    [Fact]
    public void EveryOptionParses()
    {
        var result = Parse("--port", "0", "--access-key", "id:secret", "-k", "other:s:with:colons", "--no-replay-protection", "--step-interval-ms", "250", "--throttle-retry-after-ms", "0", "--max-clock-skew-minutes", "5", "--max-nonces", "10", "--verbose");

        Assert.Empty(result.Errors);
        var options = EmulatorCommand.ToOptions(result);
        Assert.Equal((0, false, TimeSpan.FromMilliseconds(250), 0, TimeSpan.FromMinutes(5), 10), (options.Port, options.ReplayProtection, options.StepInterval!.Value, options.ThrottleRetryAfterMilliseconds, options.MaxClockSkew, options.MaxRememberedNonces));
        Assert.Equal("secret", options.AccessKeys["id"]);
        Assert.Equal("s:with:colons", options.AccessKeys["other"]);
        Assert.True(result.GetValue(EmulatorCommand.Verbose));
    }

    [Theory]
    [InlineData("--port", "8081")]
    [InlineData("--port=8081")]
    [InlineData("-p", "8081")]
    public void ThePortTakesBothSpellings(params string[] args)
    {
        var result = Parse(args);

        Assert.Empty(result.Errors);
        Assert.Equal(8081, EmulatorCommand.ToOptions(result).Port);
    }

    [Fact]
    public void TheDefaultsAreTheDocumentedOnes()
    {
        var options = EmulatorCommand.ToOptions(Parse());

        Assert.Equal((8080, true, (TimeSpan?)null, 100, TimeSpan.FromMinutes(15), 100_000), (options.Port, options.ReplayProtection, options.StepInterval, options.ThrottleRetryAfterMilliseconds, options.MaxClockSkew, options.MaxRememberedNonces));
        Assert.Empty(options.AccessKeys);
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "abc")]
    [InlineData("--port=-1")]
    [InlineData("--port")]
    [InlineData("--step-interval-ms", "0")]
    [InlineData("--max-nonces", "0")]
    [InlineData("--access-key", "nosecret")]
    [InlineData("--access-key", ":secret")]
    [InlineData("--frobnicate")]
    public void MistakesAreErrorsThatNameTheOption(params string[] args)
    {
        var result = Parse(args);

        Assert.NotEmpty(result.Errors);
        Assert.Contains(result.Errors, e => e.Message.Contains(args[0].Split('=')[0], StringComparison.Ordinal) || e.Message.Contains(args.Last(), StringComparison.Ordinal));
    }

    [Fact]
    public void HelpListsTheOptionsAndTheFaults()
    {
        var output = new System.IO.StringWriter();
        var result = Parse("-h");

        Assert.Equal(0, result.Invoke(new InvocationConfiguration { Output = output }));
        var text = output.ToString();
        foreach (var word in new[] { "--port", "--access-key", "--no-replay-protection", "--step-interval-ms", "--max-nonces", "--verbose", "testid:testsecret", DmsEmulator.FaultHeader, "/_emulator/faults", "/_emulator/orders/" })
        {
            Assert.Contains(word, text);
        }
    }
}
