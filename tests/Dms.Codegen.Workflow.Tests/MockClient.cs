using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Tasks;
using Dms.Codegen.Workflow.Tests.Api;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>
/// A mocked <see cref="IDmsClient"/>, as a mocking library builds one: every call goes to the handler registered for
/// that method name. Waiters and paginators are extension methods, so they work on it unchanged.
/// </summary>
public class MockClient : DispatchProxy
{
    private readonly ConcurrentDictionary<string, Func<object?[], object?>> _handlers = new();

    public static (IDmsClient Client, MockClient Mock) Create()
    {
        var client = DispatchProxy.Create<IDmsClient, MockClient>();
        return (client, (MockClient)(object)client);
    }

    /// <summary>Answers <c>{Operation}Async(request, token)</c> with <paramref name="handler"/>.</summary>
    public MockClient On<TRequest, TResponse>(string operation, Func<TRequest, TResponse> handler)
    {
        _handlers[operation + "Async"] = args => Task.FromResult(handler((TRequest)args[0]!));
        return this;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _handlers.TryGetValue(targetMethod!.Name, out var handler)
            ? handler(args!)
            : throw new NotSupportedException($"The mock has no answer for {targetMethod.Name}.");
}
