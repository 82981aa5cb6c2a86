using System;

namespace Dms.Codegen.Credentials;

/// <summary>An access key, with an optional STS security token. Its <see cref="ToString"/> never shows the secret or the token.</summary>
public sealed class DmsCredential
{
    /// <summary>Creates a credential.</summary>
    /// <exception cref="ArgumentException">The id or the secret is empty.</exception>
    public DmsCredential(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeySecret);
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
    }

    /// <summary>The AccessKey ID (not secret; it names the key in signatures).</summary>
    public string AccessKeyId { get; }

    /// <summary>The AccessKey secret.</summary>
    public string AccessKeySecret { get; }

    /// <summary>The STS security token, for temporary credentials.</summary>
    public string? SecurityToken { get; }

    /// <inheritdoc/>
    public override string ToString() => $"DmsCredential {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = ***, SecurityToken = {(SecurityToken is null ? "none" : "***")} }}";
}

/// <summary>Supplies the credential to sign each attempt with.</summary>
public interface IDmsCredentialProvider
{
    /// <summary>A short name of the source, used in error messages (for example "environment variables").</summary>
    string Source { get; }

    /// <summary>Returns the current credential.</summary>
    /// <exception cref="DmsCredentialException">The source is missing or malformed; the message names it and what is wrong.</exception>
    System.Threading.Tasks.ValueTask<DmsCredential> GetCredentialAsync(System.Threading.CancellationToken cancellationToken);
}

/// <summary>A credential source is missing or malformed. The message names the source and what is wrong, never a secret.</summary>
public sealed class DmsCredentialException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DmsCredentialException(string source, string problem, Exception? innerException = null)
        : base($"{source}: {problem}", innerException)
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>The credential source that failed.</summary>
    public new string Source { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
