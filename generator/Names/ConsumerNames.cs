using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Names;

/// <summary>
/// What the consumer's compilation declares in the generated namespace. Generated code names the runtime's and the
/// BCL's types by short name through using directives inside that namespace (<c>SpecEmitter.Compose</c>), which win
/// over every enclosing namespace but not over the namespace itself: a type or namespace the project (or a reference)
/// declares there under one of those names would be bound instead, so generation stops with DMS0021 naming it. So it does for a global type named like a root namespace.
/// </summary>
internal static class ConsumerNames
{
    /// <summary>The full name of the first declaration in <paramref name="ns"/> that hides a short name, or null.</summary>
    public static string? FindHidden(Compilation compilation, string ns)
    {
        // A global type named like a root namespace hides it even after global:: (CS0437), in every file.
        foreach (var root in QualifiedRoots)
        {
            if (!compilation.GlobalNamespace.GetTypeMembers(root).IsEmpty)
            {
                return root;
            }
        }

        INamespaceSymbol? target = compilation.GlobalNamespace;
        foreach (var segment in ns.Split('.'))
        {
            // An escaped keyword segment (My.@class) is the keyword's name in symbols.
            target = target.GetNamespaceMembers().FirstOrDefault(n => n.Name == segment.TrimStart('@'));
            if (target is null)
            {
                return null;
            }
        }

        foreach (var (name, owner) in GeneratedNames.ShortNames)
        {
            // Code generated into the namespace a type comes from (Dms.Codegen) finds that very type: nothing hidden.
            if (target.GetMembers(name).Any(member => !(member is INamedTypeSymbol && owner == ns)))
            {
                return ns + "." + name;
            }
        }

        return null;
    }

    /// <summary>The first names of every namespace generated code imports or names with <c>global::</c>.</summary>
    private static readonly string[] QualifiedRoots = { "System", "Microsoft", "Dms" };
}
