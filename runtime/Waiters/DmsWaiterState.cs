namespace Dms.Codegen.Waiters;

/// <summary>What one polled status value means to a waiter, as its spec declares it.</summary>
public enum DmsWaiterState
{
    /// <summary>Not an end state (or a value the spec does not document): poll again.</summary>
    Waiting,

    /// <summary>The awaited state: the waiter returns the response.</summary>
    Success,

    /// <summary>A state that will never become a success: the waiter throws <see cref="DmsWaiterException{TResponse}"/>.</summary>
    Failure,

    /// <summary>
    /// The resource waits for a person or another call (an approval, an execute call): polling would not move
    /// it, so the waiter ends at once with <see cref="DmsWaiterException{TResponse}"/> and this state.
    /// </summary>
    Blocked,

    /// <summary>The maximum wait passed first: the waiter throws <see cref="DmsWaiterTimeoutException{TResponse}"/>.</summary>
    TimedOut,
}
