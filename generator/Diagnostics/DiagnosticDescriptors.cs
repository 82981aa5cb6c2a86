using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, in one place. Ids are stable: never reuse or renumber one;
/// record new ids in AnalyzerReleases.Unshipped.md and give each a section in docs/diagnostics.md (its help link).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string Category = "Dms.Codegen";

    public static readonly DiagnosticDescriptor YamlSyntaxError = Error(
        "DMS0001",
        "YAML syntax error",
        "The spec is not valid YAML: {0}",
        "Fix the YAML syntax at the position shown. A spec must be one YAML document whose top level is a mapping.");

    public static readonly DiagnosticDescriptor UnknownKey = Error(
        "DMS0002",
        "Unknown key",
        "Unknown key '{0}' in {1}; expected one of: {2}",
        "Spec keys are a closed set (see specs/README.md); a misspelt key would otherwise be ignored silently.");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "DMS0003",
        "Missing required key",
        "{0} requires the key '{1}'",
        "Add the key. An operation file needs 'operation'; a definitions file needs 'types' or 'enums'; a schema needs 'type' unless it has 'properties'.");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "DMS0004",
        "Invalid value",
        "Invalid value for '{0}': {1}",
        "The value has the wrong YAML shape (for example a list where a mapping is expected) or is not one of the allowed words.");

    public static readonly DiagnosticDescriptor UnknownType = Error(
        "DMS0005",
        "Unknown type",
        "Unknown type '{0}': it is neither a built-in type ({1}) nor a type or enum declared in any spec",
        "Declare the type under 'types' or 'enums' in some spec file, or use a built-in type name.");

    public static readonly DiagnosticDescriptor DuplicateName = Error(
        "DMS0006",
        "Duplicate name",
        "'{0}' is declared more than once: also in {1}",
        "Operation, type and enum names share one namespace across all spec files; rename one of them.");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
        "DMS0007",
        "Not a valid C# identifier",
        "'{0}' is not a valid C# identifier{1}",
        "Names become C# identifiers. For a member whose wire name is not one, set 'name:' to the C# name to use.");

    public static readonly DiagnosticDescriptor KeywordIdentifier = Error(
        "DMS0008",
        "Name is a C# keyword",
        "'{0}' is a C# keyword and cannot be used as a generated name",
        "Set 'name:' (members) or choose another type name.");

    public static readonly DiagnosticDescriptor NameCollision = Error(
        "DMS0009",
        "Name collides with a generated name",
        "'{0}' collides with {1}",
        "Generated members such as ReadJson, WriteJson, Validate, AdditionalProperties and Types, the enclosing type's own name, and other generated types are reserved; set 'name:' or 'typeName:'.");

    public static readonly DiagnosticDescriptor EnumValueCollision = Error(
        "DMS0010",
        "Enum values map to the same C# name",
        "Enum '{0}': the values '{1}' and '{2}' both become the member name '{3}'",
        "Give one of the values an explicit 'name:'.");

    public static readonly DiagnosticDescriptor ContradictoryEncoding = Error(
        "DMS0011",
        "Contradictory parameter location or encoding",
        "Parameter '{0}': {1}",
        "Arrays, objects and maps need a 'style'; scalars take none; 'simple' takes only arrays of scalars; a GET operation has no form body; each wire name appears once.");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "DMS0012",
        "Duplicate key",
        "The key '{0}' appears more than once in this mapping",
        "YAML mappings must not repeat a key; remove or rename the duplicate.");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "DMS0013",
        "Unexpected generator error",
        "The DMS generator failed on this spec: {0}",
        "This is a bug in Dms.Codegen; please report it with the spec. The other specs are still generated.");

    public static readonly DiagnosticDescriptor RuntimeNotReferenced = Error(
        "DMS0014",
        "Dms.Codegen.Runtime is not referenced",
        "DMS specs were found but the project does not reference Dms.Codegen.Runtime (type '{0}' is missing); no code was generated",
        "Add a reference to the Dms.Codegen.Runtime package.");

    public static readonly DiagnosticDescriptor NestingTooDeep = Error(
        "DMS0015",
        "Nesting too deep",
        "The spec nests deeper than {0} levels",
        "Specs describe JSON bodies; nesting this deep is almost certainly a mistake. Flatten it or declare named types.");

    public static readonly DiagnosticDescriptor UnusableReference = Error(
        "DMS0016",
        "Referenced type comes from a spec with errors",
        "'{0}' is declared in {1}, which has errors and generates no code",
        "Fix the errors in the file that declares the type; this spec is generated again once it can be.");

    public static readonly DiagnosticDescriptor EquivalentNames = Error(
        "DMS0017",
        "Names that C# treats as the same identifier",
        "'{0}' and '{1}' are the same C# identifier {2}",
        "C# ignores formatting characters such as U+200B (zero-width space), U+00AD (soft hyphen) and U+200D (zero-width joiner) in identifiers, so these names would collide; remove the invisible character or rename one.");

    public static readonly DiagnosticDescriptor ReservedTypeName = Error(
        "DMS0018",
        "Type name that C# reserves or warns about",
        "'{0}' cannot be a generated type name: it is a C# contextual keyword or has only lowercase letters",
        "Type names such as var, record, required, scoped, file, dynamic or _ change the meaning of code in the namespace, and lowercase-only type names are reserved for future keywords (CS8981); choose a PascalCase name (for an inline object, set 'typeName:').");

    public static readonly DiagnosticDescriptor IdentifierTooLong = Error(
        "DMS0019",
        "Name too long",
        "The name '{0}' is longer than {1} UTF-8 bytes",
        "C# identifiers are limited to 512 characters and metadata names to 1,024 UTF-8 bytes, and the generator adds suffixes; shorten the name or set 'name:'.");

    public static readonly DiagnosticDescriptor InvalidProperty = Error(
        "DMS0020",
        "Invalid MSBuild property value",
        "The MSBuild property {0} is '{1}'; expected {2}",
        "Dms.Codegen reads a few MSBuild properties (DmsCodegenNamespace, or RootNamespace when it is not set; DmsCodegenClientName; DmsCodegenAccessibility); a value it cannot use stops generation instead of being ignored or written into code that does not compile.");

    public static readonly DiagnosticDescriptor HiddenName = Error(
        "DMS0021",
        "A declaration hides a type generated code uses",
        "The project declares '{0}', which hides a name that the code generated into {1} uses",
        "Generated code names the runtime's and .NET's types (HttpClient, CancellationToken, DmsClientBase...) by short name, and a type or namespace of that name in the generated namespace itself would be taken instead (as would a global type named System, Microsoft or Dms for those namespaces); rename it, move it to another namespace, or set DmsCodegenNamespace.");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "DMS0022",
        "C# version too old for the generated code",
        "The project compiles C# {0}, but the code Dms.Codegen generates needs C# 11 or newer",
        "Generated code uses file-local types and static abstract interface members (C# 11); remove the project's LangVersion setting (.NET 8 defaults to C# 12) or set it to 11 or newer.");

    public static readonly DiagnosticDescriptor RuntimeTooOld = Error(
        "DMS0090",
        "Dms.Codegen.Runtime is older than the generator needs",
        "The project references Dms.Codegen.Runtime {0}, but code from this generator needs {1} or newer",
        "Remove the separate Dms.Codegen.Runtime reference (the Dms.Codegen package brings the right one) or raise it to the version named.");

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinks.For(id));
}
