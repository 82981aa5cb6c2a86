using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Dms.Codegen.Generator.Names;

/// <summary>
/// Every rule that turns a spec name into a generated C# name, in one place: the parser, the validator and
/// the emitters all ask here, so a rule cannot drift between them.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The class that holds the inline object types of a root class (<c>{Root}.Types.{Name}</c>).</summary>
    public const string NestedTypesClass = "Types";

    /// <summary>The member of read (response and shared) classes that keeps JSON members the spec does not declare.</summary>
    public const string AdditionalProperties = "AdditionalProperties";

    /// <summary>Members every generated class has, plus those inherited from <see cref="object"/>.</summary>
    public static readonly string[] ReservedObjectMembers =
    {
        "ReadJson", "WriteJson", AdditionalProperties, "Validate", "BuildRequest", NestedTypesClass, "Descriptor",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>The start of the name of the file-local class that holds a generated file's JSON helpers.</summary>
    public const string FileHelpersClass = "GeneratedJson";

    /// <summary>
    /// The file-local helper class of the file <paramref name="hintName"/>. One name per file, not one for all:
    /// Roslyn checks every same-named file-local type of the namespace (hashing its file path each time) on each
    /// reference, which made one shared name cost references x files.
    /// </summary>
    public static string FileHelpers(string hintName)
    {
        var name = new StringBuilder(FileHelpersClass).Append('_');
        foreach (var c in hintName)
        {
            name.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    /// <summary>The private class of an enum struct that holds its wire values as constants.</summary>
    public const string EnumWireClass = "Wire";

    /// <summary>Members every generated enum struct has.</summary>
    public static readonly string[] ReservedEnumMembers =
    {
        "Value", "IsKnown", "Description", "KnownValues", EnumWireClass,
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Operation names whose <c>{Name}Async</c> method would clash with the client base class.</summary>
    public static readonly string[] ReservedOperations = { "Send", "Dispose" };

    /// <summary>
    /// Type names generated code uses by short name (its aliases, its helper class, the collections it writes
    /// unqualified), which a spec may not declare: such a type would hide the one the code means.
    /// </summary>
    public static bool IsReservedTypeName(string name) => name.StartsWith(FileHelpersClass, StringComparison.Ordinal) || System.Array.Exists(ShortNames, n => n.Name == name);

    /// <summary>
    /// The names generated code uses unqualified from its imports, each with the namespace (or type) it means it from:
    /// the types, the reader methods, and the attribute's full name (C# looks <c>[GeneratedCode]</c> up as
    /// <c>GeneratedCodeAttribute</c> too).
    /// </summary>
    public static readonly (string Name, string Owner)[] ShortNames = Emit.KnownTypes.Imports
        .SelectMany(i => i.Names.Select(name => (name, i.Namespace)))
        .Concat(Emit.JsonEmitter.ReaderMethods.Select(name => (name, "Dms.Codegen.Json." + Emit.KnownTypes.JsonReader)))
        .Concat(new[] { (Emit.KnownTypes.GeneratedCode + "Attribute", "System.CodeDom.Compiler") })
        .ToArray();

    /// <summary>
    /// Whether <paramref name="client"/> can name the client: the rules of a spec's type names (<c>ParseContext.Identifier</c>),
    /// for each of <see cref="ClientTypes"/>, and written without formatting characters since it is used as it is.
    /// </summary>
    public static bool IsUsableClientName(string client) =>
        CSharpNames.IsValid(client) && CSharpNames.Canonical(client) == client && !CSharpNames.IsKeyword(client)
        && !CSharpNames.IsContextualKeyword(client) && !CSharpNames.IsLowercaseOnly(client)
        && System.Array.TrueForAll(ClientTypes(client), name => !CSharpNames.IsTooLong(name) && !IsReservedTypeName(name));

    public static string Request(string operation) => operation + "Request";

    public static string Response(string operation) => operation + "Response";

    public static string AsyncMethod(string operation) => operation + "Async";

    public static string ClientInterface(string client) => "I" + client;

    public static string ServiceCollectionExtensions(string client) => client + "ServiceCollectionExtensions";

    /// <summary>The namespace-level types the client file declares, which no spec may declare too.</summary>
    public static string[] ClientTypes(string client) => new[] { client, ClientInterface(client), ServiceCollectionExtensions(client) };

    /// <summary>An inline type's name relative to the namespace: <c>{Root}.Types.{Name}</c>.</summary>
    public static string Nested(string root, string name) => root + "." + NestedTypesClass + "." + name;

    /// <summary>The name an inline object in an array item gets, from the member holding the array.</summary>
    public static string ArrayItem(string member) => member + "Item";

    /// <summary>The name an inline object in a map value gets, from the member holding the map.</summary>
    public static string MapValue(string member) => member + "Value";

    /// <summary>
    /// An inline object's class name: the member's name, or <c>{Member}Model</c> when the object has a member
    /// of that name itself (DMS's single-array wrappers do), since a member cannot share its class's name.
    /// </summary>
    public static string InlineClass(string member, bool hasMemberOfThatName) => hasMemberOfThatName ? member + "Model" : member;

    /// <summary>The generated source of a file that declares only types and enums, named after the first of them.</summary>
    public static string DefinitionsFile(string firstName) => firstName + ".Definitions";

    /// <summary>The static class of an operation's waiter and paginator extension methods.</summary>
    public static string WorkflowExtensions(string operation) => operation + "Extensions";

    /// <summary>
    /// A waiter's method, <c>Wait{Name}Async</c>, with the name exactly as the spec gives it. It is not qualified
    /// by its operation (that would read <c>WaitGetDataExportOrderDetailExportFinishedAsync</c>), nor qualified only
    /// when it clashes (adding a spec would then rename a method that compiled): a waiter name must instead be unique
    /// across the client's specs, like these methods and the paginators' beside them (<see cref="Model.DeclarationKind.ExtensionMethod"/>, DMS0045).
    /// </summary>
    public static string WaiterMethod(string waiter) => "Wait" + waiter + "Async";

    public static string PagesMethod(string operation) => operation + "PagesAsync";

    public static string ItemsMethod(string operation) => operation + "ItemsAsync";

    public static string StreamMethod(string operation) => operation + "StreamAsync";

    public static string ClientFile(string client) => client;

    public static string CatalogFile(string client) => client + ".Operations";

    /// <summary>
    /// The hint name of each of <paramref name="sorted"/> (every spec file's hint name as parsed, sorted ordinal),
    /// unique among them and the client's files however they are cased (Roslyn compares hint names ignoring case, and
    /// a clash would fail the whole generator): the ordinal-first spelling keeps its name, later ones get <c>.2</c>,
    /// <c>.3</c>... Long names are shortened with a hash, since they become file names when generated files are
    /// written to disk. Worked out once per build for all files: ranking each file against all the others was
    /// quadratic in the number of specs.
    /// </summary>
    public static string[] UniqueHintNames(IReadOnlyList<string> sorted, string client)
    {
        var reserved = new[] { ClientFile(client), CatalogFile(client), client + ".Shapes" };
        var earlier = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var unique = new string[sorted.Count];
        for (var i = 0; i < sorted.Count;)
        {
            // A run of one name (duplicate files) shares one rank: it counts only the names ordered before it.
            var run = i + 1;
            while (run < sorted.Count && sorted[run] == sorted[i])
            {
                run++;
            }

            var mine = HintBase(sorted[i]);
            earlier.TryGetValue(mine, out var rank);
            earlier[mine] = rank + (run - i);
            foreach (var name in reserved)
            {
                rank += string.Equals(name, mine, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }

            var hint = rank == 0 ? mine : mine + "." + (rank + 1).ToString(CultureInfo.InvariantCulture);
            for (; i < run; i++)
            {
                unique[i] = hint;
            }
        }

        return unique;
    }

    /// <summary>
    /// Only letters, digits, '.' and '_' (Roslyn refuses many others, such as combining marks that C# allows in
    /// names: they become <c>-xxxx</c>), at most 100 characters plus a hash of the whole.
    /// </summary>
    public static string HintBase(string hintName)
    {
        const int Max = 100;
        var builder = new StringBuilder(hintName.Length);
        foreach (var character in hintName)
        {
            if (char.IsLetterOrDigit(character) || character is '.' or '_')
            {
                builder.Append(character);
            }
            else
            {
                builder.Append('-').Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        if (builder.Length <= Max)
        {
            return builder.ToString();
        }

        // FNV-1a over the whole name: stable across runs and machines, unlike string.GetHashCode.
        var hash = 2166136261;
        foreach (var character in hintName)
        {
            hash = unchecked((hash ^ character) * 16777619);
        }

        return builder.ToString(0, Max) + "-" + hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The C# member name for an enum wire value: words split on anything not a letter or digit, each word
    /// capitalised (<c>PRE_CHECK_SUCCESS</c> → <c>PreCheckSuccess</c>; <c>dataExport</c> → <c>DataExport</c>);
    /// a leading digit gets the prefix <c>Value</c>. Returns an empty string when nothing usable is left.
    /// </summary>
    public static string EnumMember(string value)
    {
        var builder = new StringBuilder(value.Length);
        var startOfWord = true;
        var allUpper = IsAllUpperOrDigits(value);
        foreach (var character in value)
        {
            if (!char.IsLetterOrDigit(character))
            {
                startOfWord = true;
                continue;
            }

            if (startOfWord)
            {
                builder.Append(char.ToUpperInvariant(character));
                startOfWord = false;
            }
            else
            {
                // SHOUTING_CASE words are lower-cased; camelCase and PascalCase keep their inner capitals.
                builder.Append(allUpper ? char.ToLowerInvariant(character) : character);
            }
        }

        if (builder.Length > 0 && char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Value");
        }

        return builder.ToString();
    }

    private static bool IsAllUpperOrDigits(string value)
    {
        foreach (var character in value)
        {
            if (char.IsLower(character))
            {
                return false;
            }
        }

        return true;
    }
}
