using System.Linq;

namespace Dms.Codegen.Generator.Model;

// What waiters, paginators and streams need at emit time: resolved C# member paths and checked values, no locations.

/// <summary>A member reached from the response (or a named type) by C# member names; <see cref="Type"/> is the last member's type.</summary>
internal sealed record MemberPath(EquatableArray<string> Members, TypeRef Type)
{
    public MemberPath Resolve(System.Func<TypeRef, TypeRef> resolve) => this with { Type = resolve(Type) };
}

/// <summary>One <c>waiters:</c> entry, its states checked against the status field's documented values.</summary>
internal sealed record WaiterModel(
    string Name,
    string? Summary,
    MemberPath Status,
    EquatableArray<string> Success,
    EquatableArray<string> Failure,
    EquatableArray<string> Blocked,
    long DelayMs,
    long MaxDelayMs,
    double Backoff,
    long MaxWaitMs);

internal enum PagingStyle
{
    PageNumber,
    Offset,
    Token,
}

/// <summary>A request parameter used for paging: its C# name and kind (int32, int64 or string; or, for a size, a named enum).</summary>
internal sealed record PageParameter(string Name, TypeRefKind Kind, bool Required, string? EnumName = null);

/// <summary>The <c>pagination:</c> block, its fields resolved against the request and the response.</summary>
internal sealed record PaginationModel(
    PagingStyle Style,
    long FirstPage,
    PageParameter Page,
    PageParameter? Size,
    MemberPath? Items,
    MemberPath? Total,
    MemberPath? NextToken);

/// <summary>Everything an operation declares beyond one call: its waiters, its paging and whether it streams events.</summary>
internal sealed record WorkflowModel(EquatableArray<WaiterModel> Waiters, PaginationModel? Pagination, bool Stream)
{
    /// <summary>The same model with its declared names resolved (the validator's <c>ModelResolver</c> passes its resolver).</summary>
    public WorkflowModel Resolve(System.Func<TypeRef, TypeRef> resolve) => this with
    {
        Waiters = Waiters.Select(w => w with { Status = w.Status.Resolve(resolve) }).ToEquatableArray(),
        Pagination = Pagination is not { } p ? null : p with { Items = p.Items?.Resolve(resolve), Total = p.Total?.Resolve(resolve), NextToken = p.NextToken?.Resolve(resolve) },
    };

    public bool IsEmpty => Waiters.IsEmpty && Pagination is null && !Stream;
}
