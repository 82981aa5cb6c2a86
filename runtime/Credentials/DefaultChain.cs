using System;
using System.Collections.Generic;

namespace Dms.Codegen.Credentials;

/// <summary>
/// Builds the default chain as credentials-go does: a source is in the chain only when its switches allow it,
/// and the ones left out are named in the chain's error with the reason.
/// </summary>
internal static class DefaultChain
{
    public static IDmsCredentialProvider Create(CredentialEnvironment environment, DmsCredentialOptions options)
    {
        var providers = new List<IDmsCredentialProvider> { new EnvironmentCredentialProvider(environment) };
        var skipped = new List<string>();

        string[] oidc = [StsRole.RoleArnVariable, OidcRoleCredentialProvider.ProviderArnVariable, OidcRoleCredentialProvider.TokenFileVariable];
        var unset = Array.FindAll(oidc, name => environment.Get(name) is null);
        if (unset.Length == 0)
        {
            Add(providers, skipped, "OIDC role", () => new OidcRoleCredentialProvider(new DmsOidcRoleOptions(), options, environment));
        }
        else
        {
            skipped.Add($"OIDC role: skipped, {string.Join(", ", unset)} not set");
        }

        if (StsCall.IsTrue(environment.Get("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")))
        {
            skipped.Add("CLI profile: skipped, ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true");
        }
        else
        {
            providers.Add(new CliProfileCredentialProvider(environment, options));
        }

        providers.Add(new IniFileCredentialProvider(environment, options));

        if (StsCall.IsTrue(environment.Get(EcsRamRoleCredentialProvider.DisabledVariable)))
        {
            skipped.Add($"ECS instance RAM role: skipped, {EcsRamRoleCredentialProvider.DisabledVariable}=true");
        }
        else
        {
            Add(providers, skipped, "ECS instance RAM role", () => new EcsRamRoleCredentialProvider(null, options, environment));
        }

        if (environment.Get(CredentialsUriProvider.Variable) is { } uri)
        {
            Add(providers, skipped, "credentials URI", () => new CredentialsUriProvider(new Uri(uri, UriKind.RelativeOrAbsolute), options));
        }
        else
        {
            skipped.Add($"credentials URI: skipped, {CredentialsUriProvider.Variable} not set");
        }

        return new ChainCredentialProvider(providers, skipped);
    }

    // A source whose settings are invalid (an unparsable URI, a bad session name) is reported, not thrown.
    private static void Add(List<IDmsCredentialProvider> providers, List<string> skipped, string name, Func<IDmsCredentialProvider> create)
    {
        try
        {
            providers.Add(create());
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or UriFormatException)
        {
            skipped.Add($"{name}: {exception.Message}");
        }
    }
}
