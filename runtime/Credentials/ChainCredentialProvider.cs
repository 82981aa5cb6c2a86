using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// Tries sources in order and keeps the first that works (as the official libraries, it is then the only one
/// asked). When none does, the exception lists every source, why it failed, and the sources left out and why.
/// </summary>
internal sealed class ChainCredentialProvider : IDmsCredentialProvider
{
    private readonly IReadOnlyList<IDmsCredentialProvider> _providers;
    private readonly IReadOnlyList<string> _skipped;
    private IDmsCredentialProvider? _resolved;

    public ChainCredentialProvider(IReadOnlyList<IDmsCredentialProvider> providers, IReadOnlyList<string>? skipped = null)
    {
        _providers = providers;
        _skipped = skipped ?? [];
    }

    public string Source => "default credential chain";

    public async ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _resolved) is { } resolved)
        {
            return await resolved.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<string>();
        foreach (var provider in _providers)
        {
            try
            {
                var credential = await provider.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _resolved, provider);
                return credential;
            }
            catch (DmsCredentialException exception)
            {
                problems.Add(exception.Message);
            }
        }

        problems.AddRange(_skipped);
        throw new DmsCredentialException(Source, "no source gave a credential: " + string.Join("; ", problems));
    }

    public override string ToString() => $"{Source} ({string.Join(", ", _providers.Select(p => p.Source))})";
}
