using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Diagnostics;

/// <summary>The diagnostics of <c>waiters:</c>, <c>pagination:</c> and <c>stream:</c> (ids DMS0040–DMS0059).</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor ResponsePathNotFound = Error(
        "DMS0040",
        "Path not found in the response",
        "{0}: the response has no member '{1}'{2}",
        "Waiter status paths and the items, total and nextToken paths of pagination name response members by their wire names, separated by dots, from the top of the response body.");

    public static readonly DiagnosticDescriptor WrongValueKind = Error(
        "DMS0041",
        "Value of the wrong kind",
        "{0}: '{1}' {2}",
        "A waiter's status must be an enum or a scalar reached through objects only; pagination's page, size and total must be int32, int64 or string, a token a string, and items an array.");

    public static readonly DiagnosticDescriptor UnknownWaiterState = Error(
        "DMS0042",
        "Not a documented value",
        "Waiter '{0}': '{1}' is not a documented value of {2} (documented: {3})",
        "The states a waiter names must be values that the status field's enum documents, so that a typo cannot make a waiter wait forever.");

    public static readonly DiagnosticDescriptor ConflictingWaiterState = Error(
        "DMS0043",
        "A state with two meanings",
        "Waiter '{0}': '{1}' is listed as both {2} and {3}",
        "Each value goes in one of success, failure, blocked and waiting.");

    public static readonly DiagnosticDescriptor PagingParameterNotFound = Error(
        "DMS0044",
        "Pagination parameter not found",
        "{0}: '{1}' is not a parameter of {2}{3}",
        "page and size name request parameters by their wire names, or a field inside an object parameter by a dotted path (OrderActionDetail.Page.PageNumber); an operation without paging parameters has no pagination block.");

    public static readonly DiagnosticDescriptor DuplicateExtensionMethod = Error(
        "DMS0045",
        "Extension method generated twice",
        "'{0}' is generated here and by {1}: as two extension methods over {2}, a call such as {0}(new() {{ ... }}) could not choose between them; waiter names must be unique across all the client's specs",
        "Waiters generate Wait{Name}Async, and paginators {Operation}PagesAsync and {Operation}ItemsAsync, as extension methods over the client interface. Their names must be unique across every spec file of the client: name a waiter after what it waits for (ExportFinished, DataCorrectPrecheckFinished), not only after the state it waits for.");
}
