using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// Keeps the source built from a file until the file changes (write time or length), so that a client does
/// not read and parse the file on every attempt, a role named in it keeps its cached temporary credential,
/// and a rotated key is still picked up. A file that cannot be read gives a <see cref="DmsCredentialException"/>
/// naming the source, so a default chain can move on.
/// </summary>
internal sealed class CredentialFileCache
{
    private Entry? _entry;

    public async ValueTask<IDmsCredentialProvider> GetAsync(string path, string source, Func<CancellationToken, ValueTask<IDmsCredentialProvider>> load, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new DmsCredentialException(source, "the file does not exist");
        }

        var stamp = (file.LastWriteTimeUtc, file.Length, path);
        if (Volatile.Read(ref _entry) is { } entry && entry.Stamp == stamp)
        {
            return entry.Provider;
        }

        try
        {
            var provider = await load(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _entry, new Entry(stamp, provider));
            return provider;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The message of these names the path at most; it never holds file content.
            throw new DmsCredentialException(source, $"the file could not be read ({exception.GetType().Name}: {exception.Message})", exception);
        }
        catch (ArgumentException exception)
        {
            // A value in the file that a source rejects (a session name too long, a duration too short).
            throw new DmsCredentialException(source, exception.Message, exception);
        }
    }

    private sealed record Entry((DateTime WriteTime, long Length, string Path) Stamp, IDmsCredentialProvider Provider);
}
