using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Names;

/// <summary>
/// What the consumer's compilation declares in the generated namespace. Generated code names the runtime's and the
/// BCL's types by short name through using directives inside that namespace (<c>SpecEmitter.Compose</c>), which win
/// over every enclosing namespace but not over the namespace itself: a type or namespace the project (or a reference)
/// declares there under one of those names would be bound instead, so generation stops with DMS0021 naming it; as it
/// does for a global type named like a namespace the code qualifies from <c>global::</c>.
/// </summary>
internal static class ConsumerNames
{
    /// <summary>The full name of the first declaration in <paramref name="ns"/> that hides a short name, or null.</summary>
    public static string? FindHidden(Compilation compilation, string ns)
    {
        // A global type named like a root namespace hides it even after global:: (CS0437), in every file.
        foreach (var root in QualifiedRoots)
        {
            if (compilation.GlobalNamespace.GetTypeMembers(root).Any(type => compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)))
            {
                return root;
            }
        }

        // A type named var anywhere from the namespace out makes every 'var' in generated code mean it.
        var (deepest, whole) = Deepest(compilation, ns);
        for (var scope = deepest; scope is not null; scope = scope.ContainingNamespace)
        {
            if (scope.GetTypeMembers("var", 0).Any(type => compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)))
            {
                return scope.IsGlobalNamespace ? "var" : scope.ToDisplayString() + ".var";
            }
        }

        if (!whole)
        {
            return null;
        }

        var target = deepest;
        foreach (var (name, owner) in GeneratedNames.ShortNames)
        {
            // Code generated into the namespace a type comes from (Dms.Codegen) finds that very type: nothing hidden.
            if (owner != ns && target.GetMembers(name).Any(member => Hides(compilation, member, Arities(compilation, owner, name))))
            {
                return ns + "." + name;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether C# would bind the name to <paramref name="member"/> rather than the import: a type of an arity the code
    /// uses it with, which the project can see, or a namespace where it is used without type arguments.
    /// </summary>
    private static bool Hides(Compilation compilation, INamespaceOrTypeSymbol member, int[] arities) => member is INamedTypeSymbol type
        ? Array.IndexOf(arities, type.Arity) >= 0 && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)
        : Array.IndexOf(arities, 0) >= 0;

    /// <summary>The arities of the types the name means (a method of a static class is named without type arguments).</summary>
    private static int[] Arities(Compilation compilation, string owner, string name) => Find(compilation, owner) is { } home
        ? home.GetTypeMembers(name).Select(t => t.Arity).ToArray()
        : new[] { 0 };

    private static INamespaceSymbol? Find(Compilation compilation, string ns) => Deepest(compilation, ns) is (var found, true) ? found : null;

    /// <summary>The innermost namespace of <paramref name="ns"/> the compilation has, and whether that is all of it.</summary>
    private static (INamespaceSymbol Deepest, bool Whole) Deepest(Compilation compilation, string ns)
    {
        var found = compilation.GlobalNamespace;
        foreach (var segment in ns.Split('.'))
        {
            // An escaped keyword segment (My.@class) is the keyword's name in symbols.
            if (found.GetNamespaceMembers().FirstOrDefault(n => n.Name == segment.TrimStart('@')) is not { } next)
            {
                return (found, false);
            }

            found = next;
        }

        return (found, true);
    }

    /// <summary>The first names of every namespace generated code imports or names with <c>global::</c>.</summary>
    private static readonly string[] QualifiedRoots = { "System", "Microsoft", "Dms" };
}
