using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// Tries sources in order and keeps the first that works. When none does, the exception lists every source
/// and why it failed.
/// </summary>
internal sealed class ChainCredentialProvider : IDmsCredentialProvider
{
    private readonly IReadOnlyList<IDmsCredentialProvider> _providers;
    private IDmsCredentialProvider? _resolved;

    public ChainCredentialProvider(IReadOnlyList<IDmsCredentialProvider> providers) => _providers = providers;

    public string Source => "default credential chain";

    public async ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (_resolved is { } resolved)
        {
            return await resolved.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<string>();
        foreach (var provider in _providers)
        {
            try
            {
                var credential = await provider.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                _resolved = provider;
                return credential;
            }
            catch (DmsCredentialException exception)
            {
                problems.Add(exception.Message);
            }
        }

        throw new DmsCredentialException(Source, "no source gave a credential: " + string.Join("; ", problems));
    }

    public override string ToString() => $"{Source} ({string.Join(", ", _providers.Select(p => p.Source))})";
}
