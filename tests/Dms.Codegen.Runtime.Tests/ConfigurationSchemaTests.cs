using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dms.Codegen.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// runtime/ConfigurationSchema.json (shipped for editors' appsettings.json completion) names the keys that
/// DmsConfiguration really reads: each one, set alone, changes the options.
/// </summary>
public class ConfigurationSchemaTests
{
    // Two valid values per key, as a user would write them in appsettings.json.
    private static readonly Dictionary<string, (string A, string B)> Samples = new()
    {
        ["Endpoint"] = ("https://dms.example.test/", "https://other.example.test/"),
        ["RegionId"] = ("cn-shanghai", "cn-beijing"),
        ["SignatureVersion"] = ("V1", "V3"),
        ["AttemptTimeout"] = ("00:00:07", "00:00:08"),
        ["OverallTimeout"] = ("00:02:00", "00:03:00"),
        ["UserAgent"] = ("my-app/1.0", "my-app/2.0"),
        ["MaxResponseBytes"] = ("1048576", "2097152"),
        ["Retry:MaxAttempts"] = ("5", "6"),
        ["Retry:BaseDelay"] = ("00:00:01", "00:00:02"),
        ["Retry:MaxDelay"] = ("00:00:09", "00:00:10"),
        ["AccessKeyId"] = ("id-a", "id-b"),
        ["AccessKeySecret"] = ("secret-a", "secret-b"),
        ["SecurityToken"] = ("token-a", "token-b"),
    };

    [Fact]
    public void EverySchemaKeyHasASampleAndEverySampleIsInTheSchema()
    {
        Assert.Equal(Samples.Keys.Order(StringComparer.Ordinal), SchemaKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryKeyTheBinderAcceptsIsInTheSchema()
    {
        // The binder names its known keys when it refuses one; a key it accepts but the schema lacks would get
        // no completion or description in the editor.
        var accepted = KnownKeys(string.Empty).Where(k => k != "Retry").Concat(KnownKeys("Retry:").Select(k => "Retry:" + k));
        Assert.Equal(accepted.Order(StringComparer.Ordinal), SchemaKeys().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EachKeyOfTheSchemaIsReadByTheBinder(string key)
    {
        var (a, b) = Samples[key];
        Assert.NotEqual(Bound(key, a), Bound(key, b));
    }

    /// <summary>The options bound from a Dms section with <paramref name="key"/> set (and a credential pair, which comes whole).</summary>
    private static string Bound(string key, string value)
    {
        var values = new Dictionary<string, string?> { ["Dms:AccessKeyId"] = "id", ["Dms:AccessKeySecret"] = "secret", ["Dms:" + key] = value };
        var options = new DmsClientOptions();
        DmsConfiguration.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dms"), options);
        var credential = options.Credentials!.GetCredentialAsync(default).AsTask().GetAwaiter().GetResult();
        return string.Join(
            "|",
            options.Endpoint, options.RegionId, options.SignatureVersion, options.AttemptTimeout, options.OverallTimeout, options.UserAgent, options.MaxResponseBytes,
            options.Retry.MaxAttempts, options.Retry.BaseDelay, options.Retry.MaxDelay, credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken);
    }

    [Fact]
    public void TheSchemaIsAnObjectSchemaForTheDmsSectionWithDescriptions()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));
        var dms = schema.RootElement.GetProperty("properties").GetProperty("Dms");
        Assert.Equal("object", dms.GetProperty("type").GetString());
        Assert.All(Leaves(dms, string.Empty), leaf => Assert.False(string.IsNullOrWhiteSpace(leaf.Schema.GetProperty("description").GetString()), leaf.Key));
    }

    private static IEnumerable<string> KnownKeys(string prefix)
    {
        var values = new Dictionary<string, string?> { ["Dms:" + prefix + "NotASetting"] = "x" };
        var error = Assert.Throws<FormatException>(() => DmsConfiguration.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dms"), new DmsClientOptions()));
        var list = error.Message[(error.Message.IndexOf("Known keys: ", StringComparison.Ordinal) + "Known keys: ".Length)..].TrimEnd('.');
        return list.Split(", ");
    }

    public static TheoryData<string> Keys() => new(SchemaKeys());

    private static IEnumerable<string> SchemaKeys()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));
        return Leaves(schema.RootElement.GetProperty("properties").GetProperty("Dms"), string.Empty).Select(l => l.Key).ToList();
    }

    private static IEnumerable<(string Key, JsonElement Schema)> Leaves(JsonElement section, string prefix)
    {
        foreach (var property in section.GetProperty("properties").EnumerateObject())
        {
            if (property.Value.TryGetProperty("properties", out _))
            {
                foreach (var leaf in Leaves(property.Value, prefix + property.Name + ":"))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + property.Name, property.Value.Clone());
            }
        }
    }

    private static string SchemaPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "runtime", "ConfigurationSchema.json");
}
