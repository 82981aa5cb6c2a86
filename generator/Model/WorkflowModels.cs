using System.Linq;

namespace Dms.Codegen.Generator.Model;

// What waiters, paginators and streams need at emit time: resolved C# member paths and checked values, no locations.

/// <summary>A member reached from the response (or a named type) by C# member names; <see cref="Type"/> is the last member's type.</summary>
internal sealed record MemberPath(EquatableArray<string> Members, TypeRef Type)
{
    /// <summary>
    /// Set while the path goes on through a type of another file (<see cref="Type"/>, still unresolved): the wire path
    /// after it, which validation follows through the index and replaces by the members it finds.
    /// </summary>
    public string? Rest { get; init; }

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

/// <summary>
/// A request field used for paging: a parameter, or a field inside object parameters (<c>OrderActionDetail.Page.PageNumber</c>),
/// reached through <see cref="Path"/>; its kind is int32, int64 or string (or, for a size, a named enum).
/// </summary>
internal sealed record PageParameter(EquatableArray<PageStep> Path, TypeRefKind Kind, string? EnumName = null)
{
    /// <summary>The C# name of the field itself.</summary>
    public string Name => Path[Path.Count - 1].Member;

    /// <summary>The C# member path from the request, dotted (<c>OrderActionDetail.Page.PageNumber</c>).</summary>
    public string Dotted => string.Join(".", Path.Select(s => s.Member));

    /// <summary>Whether reading it from the caller's request can never give null (every member on the path is C# <c>required</c>).</summary>
    public bool Required => Path.All(s => s.Required);

    public bool IsNested => Path.Count > 1;
}

/// <summary>One member on a page field's path; <see cref="Required"/>: a C# <c>required</c> member, never null.</summary>
internal sealed record PageStep(string Member, bool Required);

/// <summary>
/// An object on a nested page field's path, which the page copy creates anew: <see cref="At"/> is the dotted C#
/// path of the member holding it, <see cref="Members"/> the members the copy keeps from the caller's object.
/// </summary>
internal sealed record PageObject(string At, EquatableArray<string> Members);

/// <summary>The <c>pagination:</c> block, its fields resolved against the request and the response.</summary>
internal sealed record PaginationModel(
    PagingStyle Style,
    long FirstPage,
    PageParameter Page,
    PageParameter? Size,
    MemberPath? Items,
    MemberPath? Total,
    MemberPath? NextToken)
{
    /// <summary>The objects on the page and size paths, outermost first (none when both are parameters).</summary>
    public EquatableArray<PageObject> Objects { get; init; } = EquatableArray<PageObject>.Empty;

    /// <summary>The block's paths as the YAML wrote them (wire names), for the emulator's shapes.</summary>
    public PagingWirePaths Wire { get; init; } = new(string.Empty, null, null, null, null);
}

/// <summary>The wire paths of a <c>pagination:</c> block: request fields (page, size) and response members (items, total, next token).</summary>
internal sealed record PagingWirePaths(string Page, string? Size, string? Items, string? Total, string? NextToken);

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
