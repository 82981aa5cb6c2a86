using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>Credentials and their sources never give away a secret or a token to a reflection-based serializer or logger.</summary>
public sealed class SecretSerializationTests
{
    [Fact]
    public void SystemTextJsonSeesNoSecretOrToken()
    {
        var credential = new DmsCredential("id-visible", CredentialKit.Secret, CredentialKit.Token, DateTimeOffset.UnixEpoch, "static_sts");

        var json = JsonSerializer.Serialize(credential);

        Assert.Contains("id-visible", json);
        Assert.Contains("\"HasSecurityToken\":true", json);
        Assert.DoesNotContain(CredentialKit.Secret, json);
        Assert.DoesNotContain(CredentialKit.Token, json);
    }

    [Fact]
    public async Task DestructuringCredentialsAndEverySourceShowsNoSecret()
    {
        await using var kit = new CredentialKit();
        await kit.StsAsync();
        var source = kit.SourceKey(CredentialKit.Token);
        var role = kit.Role(source);
        var issued = await role.GetCredentialAsync(default);
        object[] subjects =
        [
            source, role, issued, await source.GetCredentialAsync(default),
            DmsCredentials.Default(kit.Environment, kit.Options),
            DmsCredentials.EcsRamRole(options: kit.Options, environment: kit.Environment),
        ];

        foreach (var subject in subjects)
        {
            // What a logger's {@Value} or Newtonsoft-style serializer would write: every public property, deeply.
            var text = Destructure(subject, depth: 0) + "\n" + JsonSerializer.Serialize(subject, subject.GetType()) + "\n" + subject;
            foreach (var secret in new[] { CredentialKit.Secret, CredentialKit.Token, issued.RevealAccessKeySecret(), issued.RevealSecurityToken()! })
            {
                Assert.DoesNotContain(secret, text);
            }
        }
    }

    [Fact]
    public void TheSecretIsStillThereForWhoeverAsksByName()
    {
        var credential = new DmsCredential("id", CredentialKit.Secret, CredentialKit.Token);

        Assert.Equal((CredentialKit.Secret, CredentialKit.Token), (credential.RevealAccessKeySecret(), credential.RevealSecurityToken()));
        Assert.DoesNotContain(typeof(DmsCredential).GetProperties(), p => p.PropertyType == typeof(string) && p.Name.Contains("Secret", StringComparison.Ordinal));
    }

    private static string Destructure(object? value, int depth)
    {
        if (value is null || depth > 6)
        {
            return "null";
        }

        var type = value.GetType();
        if (type.IsPrimitive || value is string or DateTimeOffset or DateTime or TimeSpan or Uri or Enum or Type)
        {
            return value.ToString() ?? string.Empty;
        }

        if (value is IEnumerable sequence)
        {
            return "[" + string.Join(",", sequence.Cast<object?>().Take(50).Select(v => Destructure(v, depth + 1))) + "]";
        }

        var parts = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            object? child;
            try
            {
                child = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            parts.Add(property.Name + "=" + Destructure(child, depth + 1));
        }

        return type.Name + "{" + string.Join(",", parts) + "}";
    }
}
