using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>Supplies the credential to sign each attempt with.</summary>
public interface IDmsCredentialProvider
{
    /// <summary>A short name of the source, used in error messages (for example "environment variables").</summary>
    string Source { get; }

    /// <summary>Returns the current credential (cached by sources that fetch temporary credentials).</summary>
    /// <exception cref="DmsCredentialException">The source is missing, malformed or failed; the message names it and what is wrong, never a secret.</exception>
    ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken);
}
