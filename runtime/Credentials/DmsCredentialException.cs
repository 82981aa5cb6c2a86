using System;

namespace Dms.Codegen.Credentials;

/// <summary>A credential source is missing, malformed or failed. The message names the source and what is wrong, never a secret.</summary>
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
