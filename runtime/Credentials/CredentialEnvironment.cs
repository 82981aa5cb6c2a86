using System;
using System.IO;

namespace Dms.Codegen.Credentials;

/// <summary>Where providers read environment variables and the home directory, so that tests can supply their own.</summary>
public sealed class CredentialEnvironment
{
    /// <summary>The process's real environment.</summary>
    public static CredentialEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, () => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    private readonly Func<string, string?> _variable;
    private readonly Func<string> _home;

    /// <summary>Creates an environment from a variable lookup and a home directory.</summary>
    public CredentialEnvironment(Func<string, string?> variable, Func<string> home)
    {
        _variable = variable ?? throw new ArgumentNullException(nameof(variable));
        _home = home ?? throw new ArgumentNullException(nameof(home));
    }

    /// <summary>A variable's value; null when unset or empty.</summary>
    public string? Get(string name) => _variable(name) is { Length: > 0 } value ? value : null;

    /// <summary>A path under the home directory.</summary>
    public string Home(params string[] parts) => Path.Combine([_home(), .. parts]);
}
