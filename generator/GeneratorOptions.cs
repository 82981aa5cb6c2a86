namespace Dms.Codegen.Generator;

/// <summary>
/// The MSBuild properties that shape the output, read once from the analyzer config. <c>Accessibility</c> is
/// the modifier of every namespace-level generated type (<c>DmsCodegenAccessibility</c>): <c>public</c> or <c>internal</c>.
/// </summary>
internal sealed record GeneratorOptions(string Namespace, string ClientName, bool RuntimeReferenced, string Accessibility = GeneratorOptions.Public)
{
    /// <summary><c>DmsCodegenEmitShapes</c>: also emit <c>{Client}.Shapes</c>, the response shapes the DMS emulator answers with.</summary>
    public bool EmitShapes { get; init; }

    public const string DefaultNamespace = "Dms.Codegen.Generated";
    public const string DefaultClientName = "DmsClient";
    public const string Public = "public";
    public const string Internal = "internal";

    /// <summary>
    /// Whether any spec of the build marks something deprecated: only then do generated files silence CS0612 and
    /// CS0618 (a deprecated type or enum value may be used from any file, so it is one answer for all of them).
    /// </summary>
    public bool AnyDeprecated { get; init; }

    /// <summary>The first property whose value cannot be used (reported as DMS0020), or null.</summary>
    public InvalidProperty? Invalid { get; init; }

    /// <summary>A declaration of the consumer's that would hide a type generated code uses (DMS0021), or null.</summary>
    public string? Hidden { get; init; }

    /// <summary>The project's C# version when it is older than generated code needs (DMS0022), or null.</summary>
    public string? OldLanguage { get; init; }

    /// <summary>Whether code is generated at all: the runtime is referenced, every property is usable, the C# version suffices and nothing is hidden.</summary>
    public bool CanEmit => RuntimeReferenced && Invalid is null && OldLanguage is null && Hidden is null;
}

/// <summary>An MSBuild property the generator cannot use: its name, its value and what it expects instead.</summary>
internal sealed record InvalidProperty(string Property, string Value, string Expected)
{
    /// <summary>What <c>DmsCodegenNamespace</c> (or <c>RootNamespace</c>) must be, in DMS0020's words.</summary>
    public const string NamespaceExpected = "a C# namespace such as MyApp.Dms (identifiers joined by '.'); set DmsCodegenNamespace";

    /// <summary>What <c>DmsCodegenClientName</c> must be, in DMS0020's words.</summary>
    public const string ClientNameExpected = "a PascalCase C# type name that is neither a keyword nor a name generated code uses (such as DmsClient)";

    /// <summary>The value as a message shows it: control characters escaped, cut after 60 characters.</summary>
    public string Shown
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            foreach (var c in Value.Length > 60 ? Value.Substring(0, 60) : Value)
            {
                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return Value.Length > 60 ? builder.Append("...").ToString() : builder.ToString();
        }
    }
}
