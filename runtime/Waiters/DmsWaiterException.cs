using System;

namespace Dms.Codegen.Waiters;

/// <summary>
/// A waiter ended without success: the status reached a failure or blocked state, or the maximum wait passed.
/// Every poll itself succeeded (a failed call is a <see cref="DmsException"/> instead).
/// </summary>
public abstract class DmsWaiterException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected DmsWaiterException(string message, string waiter, DmsWaiterState outcome, string? status, int polls, TimeSpan elapsed)
        : base(message)
    {
        Waiter = waiter;
        Outcome = outcome;
        Status = status;
        Polls = polls;
        Elapsed = elapsed;
    }

    /// <summary>The waiter's name, such as <c>ExportFinished</c>.</summary>
    public string Waiter { get; }

    /// <summary><see cref="DmsWaiterState.Failure"/>, <see cref="DmsWaiterState.Blocked"/> or <see cref="DmsWaiterState.TimedOut"/>.</summary>
    public DmsWaiterState Outcome { get; }

    /// <summary>The last status value as DMS sent it (null when the response had none).</summary>
    public string? Status { get; }

    /// <summary>How many polls were made.</summary>
    public int Polls { get; }

    /// <summary>How long the waiter ran, on its clock.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The last response, untyped (see <see cref="DmsWaiterException{TResponse}.LastResponse"/>).</summary>
    public abstract object? LastResponseValue { get; }
}

/// <summary>A waiter reached a failure or blocked state (see <see cref="DmsWaiterException.Outcome"/>), or timed out.</summary>
/// <typeparam name="TResponse">The polled operation's response.</typeparam>
public class DmsWaiterException<TResponse> : DmsWaiterException
{
    /// <summary>Creates the exception.</summary>
    public DmsWaiterException(string message, string waiter, DmsWaiterState outcome, string? status, int polls, TimeSpan elapsed, TResponse? lastResponse)
        : base(message, waiter, outcome, status, polls, elapsed)
    {
        LastResponse = lastResponse;
    }

    /// <summary>The last response received.</summary>
    public TResponse? LastResponse { get; }

    /// <inheritdoc/>
    public override object? LastResponseValue => LastResponse;
}

/// <summary>The maximum wait passed before the status reached success, failure or blocked.</summary>
/// <typeparam name="TResponse">The polled operation's response.</typeparam>
public sealed class DmsWaiterTimeoutException<TResponse> : DmsWaiterException<TResponse>
{
    /// <summary>Creates the exception.</summary>
    public DmsWaiterTimeoutException(string message, string waiter, string? status, int polls, TimeSpan elapsed, TResponse? lastResponse)
        : base(message, waiter, DmsWaiterState.TimedOut, status, polls, elapsed, lastResponse)
    {
    }
}
