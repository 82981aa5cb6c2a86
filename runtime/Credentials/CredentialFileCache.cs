using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// Keeps the credential read from a file until the file changes (write time or length), so that a client does
/// not read and parse the file on every attempt, yet picks up a rotated key. A file that cannot be read gives
/// a <see cref="DmsCredentialException"/> naming the source, so a default chain can move on.
/// </summary>
internal sealed class CredentialFileCache
{
    private Entry? _entry;

    public async ValueTask<DmsCredential> GetAsync(string path, string source, Func<CancellationToken, ValueTask<DmsCredential>> read, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new DmsCredentialException(source, "the file does not exist");
        }

        var stamp = (file.LastWriteTimeUtc, file.Length);
        if (Volatile.Read(ref _entry) is { } entry && entry.Stamp == stamp)
        {
            return entry.Credential;
        }

        try
        {
            var credential = await read(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _entry, new Entry(stamp, credential));
            return credential;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The message of these names the path at most; it never holds file content.
            throw new DmsCredentialException(source, $"the file could not be read ({exception.GetType().Name}: {exception.Message})", exception);
        }
    }

    private sealed record Entry((DateTime WriteTime, long Length) Stamp, DmsCredential Credential);
}
